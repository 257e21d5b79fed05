"""Staff move organizations through the workbench pages; applicants keep their own details."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.models import Notification
from orgs import services
from orgs.deadlines import scan_incubations
from orgs.models import Evaluation, ExpertProfile, Incubation, Organization, Stage, Track
from tests.factories import (
    ExpertFactory,
    ExpertProfileFactory,
    OrganizationFactory,
    RubricFactory,
    StaffFactory,
    applicant_of,
)
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def test_staff_accept_an_application_then_open_the_admission_evaluation(client, staff):
    incubation = IncubationFactory()
    contact = applicant_of(incubation.organization)
    org = incubation.organization
    response = client.post(
        reverse("orgs:organization_start_inspection", args=[org.pk]),
        {"on": "2026-03-01", "reason": ""},
    )
    assert response.status_code == 302
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.INSPECTION
    assert Notification.objects.filter(recipient=contact, kind="orgs_stage_start_inspection").exists()

    rubric, experts = RubricFactory(), ExpertFactory.create_batch(2)
    tied = ExpertFactory()
    ExpertProfile.objects.create(user=tied).tied_organizations.add(org)
    url = reverse("orgs:organization_evaluation", args=[org.pk, "start_admission_evaluation"])
    prefix = "start_admission_evaluation-"
    data = {
        prefix + "rubric": rubric.pk,
        prefix + "experts": [e.pk for e in [*experts, tied]],
        prefix + "due_on": "2026-04-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "须回避" in response.content.decode()
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.INSPECTION

    data[prefix + "experts"] = [e.pk for e in experts]
    assert client.post(url, data).status_code == 302
    evaluation = Evaluation.objects.get(organization=org)
    assert set(evaluation.assignments.values_list("expert", flat=True)) == {e.pk for e in experts}
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.ADMISSION_EVALUATION

    extra = ExpertFactory()
    client.post(reverse("orgs:evaluation_assign", args=[evaluation.pk]), {"assign-expert": extra.pk})
    assert evaluation.assignments.filter(expert=extra).exists()


def test_resident_admission_from_the_page_needs_the_agreement_period(client, staff):
    incubation = IncubationFactory(organization=OrganizationFactory(track=Track.RESIDENT))
    url = reverse("orgs:organization_admit_resident", args=[incubation.organization.pk])
    response = client.post(url, {"on": "2026-03-01", "months": ""})
    assert response.status_code == 200 and "请填写协议期" in response.content.decode()
    assert client.post(url, {"on": "2026-03-01", "months": "24"}).status_code == 302
    incubation = Incubation.objects.get(pk=incubation.pk)
    assert incubation.stage == Stage.RESIDENT and str(incubation.agreement_until) == "2028-03-01"


def test_applicant_updates_only_its_own_details(client):
    org = OrganizationFactory(services="旧服务")
    other = OrganizationFactory(name="别的组织")
    client.force_login(applicant_of(org))
    url = reverse("orgs:my_profile")
    response = client.post(url, {"contact_phone": "13900000000", "contact_email": "不是邮箱", "staff_count": "3",
                                 "volunteer_count": "20", "services": "新服务"})  # fmt: skip
    assert response.status_code == 200 and "新服务" in response.content.decode()
    assert Organization.objects.get(pk=org.pk).services == "旧服务"
    response = client.post(url, {"contact_phone": "13900000000", "staff_count": "3", "volunteer_count": "20",
                                 "services": "新服务", "name": "改名", "site": other.site_id})  # fmt: skip
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.services == "新服务" and org.name != "改名" and org.site != other.site
    assert Organization.objects.get(pk=other.pk).services != "新服务"


def test_staff_name_who_follows_an_organization_and_reminders_go_to_them(client):
    staff, colleague = StaffFactory(full_name="王芳"), StaffFactory(full_name="李强")
    incubation = IncubationFactory(stage_due_on=timezone.localdate() - timedelta(days=1))
    url = reverse("orgs:organization_responsible", args=[incubation.organization_id])
    client.force_login(staff)
    page = client.post(url, {"staff": "abc"})
    assert page.status_code == 200 and "选择一个有效的选项" in page.content.decode()
    assert client.post(url, {"staff": colleague.pk}).status_code == 302
    incubation.refresh_from_db()
    assert incubation.responsible_staff == colleague
    assert "李强" in client.get(reverse("orgs:organization_list")).content.decode()
    scan_incubations(timezone.localdate())
    assert set(Notification.objects.filter(kind="orgs_stage_overdue").values_list("recipient", flat=True)) == {
        colleague.pk
    }


@pytest.mark.parametrize("junk", ["abc", "", "1.5", "99999999999999999999", "٣x"])
def test_a_row_named_by_anything_but_its_key_is_not_found(client, staff, junk):
    """Text or an overflowing number where a page sends a row's key answered 500; now 404 like an unknown key."""
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    experts = [ExpertProfileFactory().user for _ in range(3)]
    evaluation = services.open_evaluation(staff, incubation, "admission", RubricFactory(), experts[:1], "2026-04-01")
    replace = reverse("orgs:evaluation_replace", args=[evaluation.pk])
    assert client.post(replace, {"assignment": junk, "expert": experts[1].pk}).status_code == 404
    upload = reverse("orgs:upload_document") + "?" + urlencode({"organization": junk})
    assert client.get(upload).status_code == 404
    draw = services.draw_panel(staff, "入壳评估", [incubation.organization], 1, 1)
    leave = client.post(reverse("orgs:draw_leave", args=[draw.pk]), {"seat": junk, "reason": "出差"})
    assert leave.status_code == 404
    assert not draw.seats.exclude(status="panel").exclude(status="reserve").exists()
