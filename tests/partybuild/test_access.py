"""Member names are sensitive: only party staff and the organization's own instructor see them; every
view is logged; exports are for party staff only."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partybuild.models import MemberAccess, PartyMember
from tests.factories import (
    ExpertFactory,
    InstructorFactory,
    PartyStaffFactory,
    StaffFactory,
    applicant_of,
)
from tests.partybuild.factories import PartyCaseFactory, PartyMemberFactory

pytestmark = pytest.mark.django_db

SECRET = "保密姓名甲"


@pytest.fixture
def case():
    case = PartyCaseFactory(instructor=InstructorFactory())
    PartyMemberFactory(case=case, name=SECRET)
    return case


def _urls(case):
    org, member = case.organization_id, case.members.get().pk
    return [
        reverse("partybuild:members", args=[org]),
        reverse("partybuild:member_add", args=[org]),
        reverse("partybuild:member_edit", args=[org, member]),
        reverse("partybuild:members_export", args=[org]),
        reverse("partybuild:members_export_all"),
    ]


DENIED = {
    "park staff": lambda case: StaffFactory(),
    "another instructor": lambda case: InstructorFactory(),
    "the organization's applicant": lambda case: applicant_of(case.organization),
    "expert": lambda case: ExpertFactory(),
    "anonymous": lambda case: None,
}


@pytest.mark.parametrize("who", DENIED)
def test_everyone_else_gets_404_on_member_pages_and_exports(client, case, who):
    user = DENIED[who](case)
    if user:
        client.force_login(user)
    for url in _urls(case):
        response = client.get(url)
        assert response.status_code == 404, (who, url)
        assert SECRET not in response.content.decode()
    remove = reverse("partybuild:member_remove", args=[case.organization_id, case.members.get().pk])
    assert client.post(remove).status_code == 404
    assert PartyMember.objects.filter(name=SECRET).exists()
    assert not MemberAccess.objects.exists()


@pytest.mark.parametrize("who", DENIED)
def test_no_one_else_sees_a_name_on_the_case_page(client, case, who):
    user = DENIED[who](case)
    if user:
        client.force_login(user)
    response = client.get(reverse("partybuild:case", args=[case.organization_id]))
    assert SECRET not in response.content.decode()
    # Park staff see the counts; everyone else does not reach the page.
    assert response.status_code == (200 if who == "park staff" else 404 if user else 302)


def test_the_instructor_of_the_organization_sees_the_names_and_the_view_is_logged(client, case):
    client.force_login(case.instructor)
    response = client.get(reverse("partybuild:members", args=[case.organization_id]))
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    log = MemberAccess.objects.get()
    assert (log.user, log.organization, log.action) == (case.instructor, case.organization, MemberAccess.Action.VIEW)
    # The instructor may not export.
    assert client.get(reverse("partybuild:members_export", args=[case.organization_id])).status_code == 404


def test_party_staff_export_members_with_formulas_neutralised_and_logged(client, case):
    PartyMemberFactory(case=case, name='=HYPERLINK("http://x")', relationship_held_at="@SUM(A1)")
    party_staff = PartyStaffFactory()
    client.force_login(party_staff)
    response = client.get(reverse("partybuild:members_export", args=[case.organization_id]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row]
    assert SECRET in values
    assert '\'=HYPERLINK("http://x")' in values
    assert "'@SUM(A1)" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@", "+", "-")) for v in values)
    assert MemberAccess.objects.get().action == MemberAccess.Action.EXPORT


def test_the_admin_does_not_show_members_to_park_staff(client, case):
    client.force_login(StaffFactory())
    assert client.get(reverse("admin:partybuild_partymember_changelist")).status_code == 403
    assert client.get(reverse("admin:partybuild_memberaccess_changelist")).status_code == 403
    assert "partymember" not in client.get(reverse("admin:index")).content.decode()


def test_party_staff_reading_members_in_the_admin_is_logged(client, case):
    client.force_login(PartyStaffFactory())
    response = client.get(reverse("admin:partybuild_partymember_changelist"))
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert MemberAccess.objects.filter(action=MemberAccess.Action.VIEW).count() == 1


def test_member_form_errors_keep_the_input_and_save_nothing(client, case):
    client.force_login(case.instructor)
    url = reverse("partybuild:member_add", args=[case.organization_id])
    response = client.post(url, {"name": "新成员乙", "status": "full", "transfer_status": "pending", "consent_on": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "新成员乙" in page
    assert 'class="alert alert-danger"' in page
    assert not PartyMember.objects.filter(name="新成员乙").exists()


def test_the_instructor_adds_a_member_and_the_counts_follow(client, case):
    client.force_login(case.instructor)
    url = reverse("partybuild:member_add", args=[case.organization_id])
    response = client.post(
        url, {"name": "新成员丙", "status": "probationary", "transfer_status": "not_needed", "consent_on": "2026-01-05"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.full_members, case.probationary_members) == (1, 1)


def test_another_organizations_member_by_direct_url_is_404(client, case):
    other = PartyCaseFactory(instructor=case.instructor)
    stranger = PartyMemberFactory(case=other, name="他组织成员")
    client.force_login(case.instructor)
    url = reverse("partybuild:member_edit", args=[case.organization_id, stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(reverse("partybuild:member_remove", args=[case.organization_id, stranger.pk])).status_code == 404
    assert PartyMember.objects.filter(pk=stranger.pk).exists()
