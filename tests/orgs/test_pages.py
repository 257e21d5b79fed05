"""What applicants, experts and the public see and may do through the pages; denials; bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from incubator.models import Job
from orgs import services
from orgs.models import (
    Application,
    Evaluation,
    EvaluationKind,
    Incubation,
    OrganizationDocument,
    RecruitmentCall,
    Stage,
    Track,
)
from tests.factories import (
    ExpertFactory,
    OrganizationFactory,
    RubricFactory,
    StaffFactory,
    applicant_of,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_applicant_cannot_reach_staff_pages(client):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    # Staff pages are no secret: the one gate says they are not for this account (403).
    for name, args in [
        ("orgs:board", []),
        ("orgs:organization_list", []),
        ("orgs:register_import", []),
        ("orgs:organization", [org.pk]),
        ("orgs:spaces", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.get(reverse("orgs:expert_home")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("orgs:my_organization"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_applicant_sees_only_its_own_documents(client):
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    doc = OrganizationDocument(organization=theirs, kind="charter")
    doc.attach(SimpleUploadedFile("章程.pdf", PDF))
    doc.save()
    client.force_login(applicant_of(mine))
    assert client.get(reverse("orgs:document", args=[doc.pk])).status_code == 404
    client.force_login(applicant_of(theirs))
    response = client.get(reverse("orgs:document", args=[doc.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_unconfirmed_applicant_has_no_application(client):
    user = applicant_of(OrganizationFactory(), confirmed_at=None)
    client.force_login(user)
    assert client.get(reverse("orgs:my_application")).status_code == 404
    assert "正在等待园区工作人员确认" in client.get(reverse("orgs:my_organization")).content.decode()


def test_application_draft_then_submit(client):
    org = OrganizationFactory()
    user = applicant_of(org)
    client.force_login(user)
    url = reverse("orgs:my_application")
    response = client.post(url, {"track": Track.INCUBATION, "project_title": "巧手圆梦开心手工坊", "save": "1"})
    assert response.status_code == 302
    application = Application.objects.get(organization=org)
    assert application.status == Application.Status.DRAFT
    assert not Incubation.objects.filter(organization=org).exists()

    # Submitting an incomplete application: 200, typed values kept, nothing submitted.
    submit = reverse("orgs:my_application_submit")
    response = client.post(submit, {"track": Track.INCUBATION, "project_title": "巧手圆梦开心手工坊", "submit": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "巧手圆梦开心手工坊" in page and "提交前必须填写" in page
    assert Application.objects.get(pk=application.pk).status == Application.Status.DRAFT

    data = {
        "track": Track.INCUBATION,
        "project_title": "巧手圆梦开心手工坊",
        "project_description": "蒙古族刺绣培训",
        "team": "三名骨干",
        "team_size": "3",
        "needs": ["office_space", "training"],
        "submit": "1",
    }
    assert client.post(submit, data).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.needs == ["office_space", "training"]
    assert org.incubation.stage == Stage.APPLICATION
    page = client.get(reverse("orgs:my_organization")).content.decode()
    assert "已提交" in page and "项目申请" in page
    assert client.get(url).status_code == 302  # no more editing once submitted


def assert_file_error_shown(response, code):
    """The upload form shows the checker's own message (core catalog) for the file field."""
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["file"][0]
    assert error.code == code
    assert escape(error.messages[0]) in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("plan.pdf", b"MZ\x90\x00 not a pdf", "content_mismatch"), ("plan.exe", b"MZ\x90\x00", "type")],
)
def test_bad_uploads_are_rejected_with_a_clear_message(client, name, content, code):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile(name, content)}
    )
    assert_file_error_shown(response, code)
    assert not org.documents.exists()


def test_too_large_upload_is_rejected(client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile("a.pdf", PDF + b"x" * 200)}
    )
    assert_file_error_shown(response, "too_large")
    assert not org.documents.exists()


def test_good_upload_is_stored_under_a_generated_name(client):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile("../../章程.pdf", PDF)}
    )
    assert response.status_code == 302
    document = org.documents.get()
    assert document.original_name == "章程.pdf" and "章程" not in document.file.name


def test_public_calls_show_open_calls_only(client):
    today = timezone.localdate()
    open_call = RecruitmentCall.objects.create(
        title="2026年孵化类招募", tracks=[Track.INCUBATION], opens_on=today, body="b", materials="m", published=True
    )
    RecruitmentCall.objects.create(
        title="已截止的招募", tracks=[Track.RESIDENT], opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1), body="b", materials="m", published=True,
    )  # fmt: skip
    draft = RecruitmentCall.objects.create(
        title="草稿招募", tracks=[Track.INCUBATION], opens_on=today, body="b", materials="m"
    )
    page = client.get(reverse("orgs:calls")).content.decode()
    assert "2026年孵化类招募" in page and "已截止的招募" not in page and "草稿招募" not in page
    assert client.get(reverse("orgs:call", args=[open_call.pk])).status_code == 200
    assert client.get(reverse("orgs:call", args=[draft.pk])).status_code == 404


def test_the_export_is_a_post_that_starts_a_job_for_staff_only(client):
    OrganizationFactory()
    url = reverse("orgs:organization_export")
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 405
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.post(url).status_code == 403
    assert not Job.objects.exists()


def test_expert_portal_lists_only_my_assignments(client):
    ExpertFactory()  # another expert
    expert = ExpertFactory()
    client.force_login(expert)
    assert client.get(reverse("orgs:expert_home")).status_code == 200


def test_applicant_cannot_upload_to_another_organization(client):
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    client.force_login(applicant_of(mine))
    url = reverse("orgs:upload_document") + f"?organization={theirs.pk}"
    assert client.post(url, {"kind": "charter", "file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 302
    assert not theirs.documents.exists() and mine.documents.count() == 1


def test_only_the_assigned_expert_reads_the_organizations_documents(client):
    org = OrganizationFactory()
    doc = OrganizationDocument(organization=org, kind="charter")
    doc.attach(SimpleUploadedFile("章程.pdf", PDF))
    doc.save()
    evaluation = Evaluation.objects.create(
        organization=org, kind=EvaluationKind.ADMISSION, rubric=RubricFactory(), due_on=timezone.localdate()
    )
    assigned, other = ExpertFactory(), ExpertFactory()
    assignment = services.assign_expert(StaffFactory(), evaluation, assigned)
    url = reverse("orgs:expert_document", args=[assignment.pk, doc.pk])
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(reverse("orgs:document", args=[doc.pk])).status_code == 404
    client.force_login(assigned)
    # Before the panel's pledge (承诺书) is accepted the expert is sent to it, and then reads the document.
    assert "/pledge/" in client.get(url)["Location"]
    services.accept_panel_pledge(assigned, evaluation)
    assert client.get(url).status_code == 200
