"""Organizations apply to each recruitment call: a declined organization applies again, every application is
kept, one per organization and call; the application's status moves only by its declared workflow; a document
uploaded from the application page keeps what was typed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from orgs import services
from orgs.models import Application, Incubation, RecruitmentCall, Stage, Track
from tests.factories import OrganizationFactory, StaffFactory, applicant_of
from tests.orgs.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

COMPLETE = {
    "track": Track.INCUBATION,
    "project_title": "社区青年志愿服务",
    "project_description": "组织青年志愿者服务社区老人",
    "team": "负责人、项目主管、财务",
    "team_size": "4",
}


def open_call(title="2026年秋季招募公告"):
    return RecruitmentCall.objects.create(
        title=title, opens_on=timezone.localdate(), body="招募", materials="申请表", published=True
    )


def declined(call=None):
    """An organization whose application (to `call`) was declined, with its applicant account."""
    org = OrganizationFactory()
    applicant = applicant_of(org)
    services.save_application(applicant, ApplicationFactory.build(organization=org, call=call), submit=True)
    services.decline(StaffFactory(), org.incubation, "核心团队不足三人，建议充实团队后再次申请。")
    return org, applicant


def test_a_declined_organization_applies_to_a_new_call_from_its_page(client):
    first = open_call("2026年春季招募公告")
    org, applicant = declined(first)
    call = open_call()
    client.force_login(applicant)
    page = client.get(reverse("orgs:my_organization")).content.decode()
    assert "核心团队不足三人" in page and 'data-testid="may-apply-again"' in page

    # 在线申请 on the call's page opens the form with that call chosen.
    link = f"{reverse('orgs:my_application')}?call={call.pk}"
    assert link in client.get(reverse("orgs:call", args=[call.pk])).content.decode()
    form = client.get(link).context["form"]
    assert form.initial["call"] == call.pk and form.initial["project_title"] == ""

    assert client.post(reverse("orgs:my_application_submit"), {**COMPLETE, "call": call.pk}).status_code == 302
    assert list(org.applications.values_list("call", "status")) == [
        (call.pk, Application.Status.SUBMITTED),
        (first.pk, Application.Status.SUBMITTED),
    ]
    incubation = Incubation.objects.get(organization=org)
    assert incubation.stage == Stage.APPLICATION and incubation.closing_reason == ""
    assert [log.to_stage for log in incubation.logs.all()] == [Stage.APPLICATION, Stage.DECLINED, Stage.APPLICATION]

    # Staff see both applications, the new one first.
    client.force_login(StaffFactory())
    page = client.get(reverse("orgs:organization", args=[org.pk])).content.decode()
    assert page.count('data-testid="application"') == 2 and page.index(call.title) < page.index(first.title)


def test_one_application_per_organization_and_call(client):
    call = open_call()
    org, applicant = declined(call)
    client.force_login(applicant)
    response = client.post(reverse("orgs:my_application_submit"), {**COMPLETE, "call": call.pk})
    assert response.status_code == 200
    assert "已申请过这一招募公告" in response.content.decode() and "社区青年志愿服务" in response.content.decode()
    assert org.applications.count() == 1
    with pytest.raises(IntegrityError):
        ApplicationFactory(organization=org, call=call)


def test_no_new_application_while_on_the_way_through_the_park(client):
    org = OrganizationFactory()
    applicant = applicant_of(org)
    services.save_application(applicant, ApplicationFactory.build(organization=org), submit=True)
    services.start_inspection(StaffFactory(), org.incubation)
    with pytest.raises(ValidationError, match="走完之后才能再次申请"):
        services.save_application(applicant, ApplicationFactory.build(organization=org, call=open_call()), submit=True)
    client.force_login(applicant)
    assert client.get(reverse("orgs:my_application")).status_code == 302
    response = client.post(reverse("orgs:my_application_submit"), COMPLETE)
    assert response.status_code == 200 and "走完之后才能再次申请" in response.content.decode()
    assert org.applications.count() == 1


def test_the_status_moves_only_by_its_transition_and_keeps_who_and_why():
    org = OrganizationFactory()
    applicant = applicant_of(org)
    application = services.save_application(applicant, ApplicationFactory.build(organization=org))
    with pytest.raises(AttributeError):
        application.status = Application.Status.SUBMITTED
    services.save_application(applicant, application, submit=True)
    with pytest.raises(TransitionNotAllowed):
        application.submit(timezone.now())
    latest = application.history.first()
    assert latest.history_user == applicant and latest.history_change_reason == "已提交"
    assert latest.status == Application.Status.SUBMITTED and latest.history_date


def test_a_terminated_organization_does_not_apply_again_by_itself():
    org = OrganizationFactory()
    applicant = applicant_of(org)
    Incubation.objects.create(organization=org, stage=Stage.IN_SHELL)
    services.terminate(StaffFactory(), org.incubation, "长期未开展活动")
    with pytest.raises(ValidationError):
        services.save_application(applicant, ApplicationFactory.build(organization=org), submit=True)


def test_uploading_from_the_application_page_keeps_what_was_typed(client):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    page = client.get(reverse("orgs:my_application")).content.decode()
    assert 'formaction="/orgs/my/application/upload/"' in page and 'enctype="multipart/form-data"' in page
    pdf = SimpleUploadedFile("项目计划书.pdf", PDF, content_type="application/pdf")
    data = {**COMPLETE, "document-kind": "application", "document-file": pdf}
    assert client.post(reverse("orgs:my_application_upload"), data).status_code == 302
    application = org.applications.get()
    assert application.is_draft and application.project_description == COMPLETE["project_description"]
    assert org.documents.get().original_name == "项目计划书.pdf"
    # A refused upload shows the page again with the text as typed (and saved as the draft).
    typed = {**COMPLETE, "project_title": "改过的标题", "document-kind": "application"}
    response = client.post(reverse("orgs:my_application_upload"), typed)
    assert response.status_code == 200 and "改过的标题" in response.content.decode()
    assert org.applications.get().project_title == "改过的标题" and org.documents.count() == 1
