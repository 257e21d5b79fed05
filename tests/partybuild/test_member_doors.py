"""Every door to members' personal data goes through selectors.member_data: the read is logged (with the page
that made it), or refused. The workbench pages, the forms sent back with errors, the exports, and the admin's
list, search, change form, history and history versions, of member records and of the records that name a
member (two-way flows, honours, a branch's secretary)."""

import pytest
from django.urls import reverse

from partybuild.models import Honour, MemberAccess, TalentFlow
from tests.factories import InstructorFactory, PartyStaffFactory, StaffFactory
from tests.partybuild.factories import PartyCaseFactory, PartyMemberFactory, PartyOrganizationFactory

pytestmark = pytest.mark.django_db

SECRET = "保密姓名丙"


@pytest.fixture
def member():
    return PartyMemberFactory(case=PartyCaseFactory(instructor=InstructorFactory()), name=SECRET)


def _reads(user, where=None):
    reads = MemberAccess.objects.filter(user=user)
    return reads.filter(where=where) if where is not None else reads


def _logged_page(client, user, url, method="get", data=None):
    """Open `url` as `user`: the page shows the name and exactly one read is logged, with its address."""
    client.force_login(user)
    before = _reads(user).count()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 200, url
    assert SECRET in response.content.decode(), url
    assert _reads(user).count() == before + 1, url
    assert _reads(user).order_by("-pk").first().where == response.wsgi_request.get_full_path()
    return response


def test_the_workbench_member_pages_and_the_forms_sent_back_log_each_read(client, member):
    org = member.case.organization_id
    instructor = member.case.instructor
    _logged_page(client, instructor, reverse("partybuild:members", args=[org]))
    _logged_page(client, instructor, reverse("partybuild:member_edit", args=[org, member.pk]))
    # The member form sent back with errors shows the record again.
    _logged_page(client, instructor, reverse("partybuild:member_edit", args=[org, member.pk]), "post", {})
    # The flow form sent back with errors lists the names: it logged nothing before.
    flow_url = reverse("partybuild:flow_add", args=[org])
    _logged_page(client, instructor, flow_url, "post", {"member": member.pk, "direction": "nonsense"})
    assert set(_reads(instructor).values_list("organization", flat=True)) == {org}


def test_an_export_is_logged_as_an_export(client, member):
    party_staff = PartyStaffFactory()
    client.force_login(party_staff)
    assert client.get(reverse("partybuild:members_export_all")).status_code == 200
    read = _reads(party_staff).get()
    assert (read.action, read.organization, read.where) == (
        MemberAccess.Action.EXPORT,
        None,
        reverse("partybuild:members_export_all"),
    )


def test_the_admins_member_pages_log_each_read_history_included(client, member):
    party_staff = PartyStaffFactory()
    member.name = SECRET  # a second version, so the history has a change to show
    member.position = "理事"
    member.save()
    version = member.history.order_by("history_id").first().history_id
    for url in (
        reverse("admin:partybuild_partymember_changelist") + "?q=保密",
        reverse("admin:partybuild_partymember_change", args=[member.pk]),
        reverse("admin:partybuild_partymember_history", args=[member.pk]),  # logged nothing before
        reverse("admin:partybuild_partymember_simple_history", args=[member.pk, version]),
    ):
        _logged_page(client, party_staff, url)


def test_the_talent_flow_list_and_history_log_each_read(client, member):
    party_staff = PartyStaffFactory()
    flow = TalentFlow.objects.create(
        member=PartyMemberFactory(case=member.case), direction=TalentFlow.Direction.MEMBER_TO_LEADER
    )
    flow.member = member  # the history shows the change of member by name
    flow.save()
    for url in (
        reverse("admin:partybuild_talentflow_changelist"),  # named the member with no access row before
        reverse("admin:partybuild_talentflow_change", args=[flow.pk]),
        reverse("admin:partybuild_talentflow_history", args=[flow.pk]),
    ):
        _logged_page(client, party_staff, url)


def test_park_staff_cannot_open_the_history_of_an_honour_naming_a_member(client, member):
    honour = Honour.objects.create(
        category=Honour.Category.OUTSTANDING_MEMBER, year=2025, title="优秀党员", member=PartyMemberFactory()
    )
    honour.member = member  # the history shows the change of member by name
    honour.save()
    park_staff = StaffFactory()
    client.force_login(park_staff)
    version = honour.history.order_by("history_id").last().history_id
    for url in (
        reverse("admin:partybuild_honour_history", args=[honour.pk]),  # answered with the name before
        reverse("admin:partybuild_honour_simple_history", args=[honour.pk, version]),
        reverse("admin:partybuild_honour_change", args=[honour.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert SECRET not in response.content.decode()
    assert not MemberAccess.objects.exists()
    _logged_page(client, PartyStaffFactory(), reverse("admin:partybuild_honour_history", args=[honour.pk]))
    # Once the honour names nobody, its history still shows who it named.
    honour.member = None
    honour.category = Honour.Category.ADVANCED_COLLECTIVE
    honour.organization = member.case.organization
    honour.save()
    client.force_login(park_staff)
    assert client.get(reverse("admin:partybuild_honour_history", args=[honour.pk])).status_code == 404


def test_park_staff_cannot_spell_out_the_secretary_with_an_admin_filter(client):
    PartyOrganizationFactory(secretary="书记丁")
    client.force_login(StaffFactory())
    url = reverse("admin:partybuild_partyorganization_changelist")
    assert client.get(url).status_code == 200
    # Before, each letter guessed right kept the branch in the list.
    for lookup in ("secretary__startswith", "secretary", "secretary__contains"):
        response = client.get(url, {lookup: "书"})
        assert response.status_code in (400, 404), lookup
    assert not MemberAccess.objects.exists()


def test_party_staff_reading_a_secretary_is_logged_on_the_workbench_and_in_the_admin(client):
    branch = PartyOrganizationFactory(secretary=SECRET)
    party_staff = PartyStaffFactory()
    _logged_page(client, party_staff, reverse("partybuild:party_organization", args=[branch.pk]))
    _logged_page(client, party_staff, reverse("admin:partybuild_partyorganization_change", args=[branch.pk]))
    response = client.get(reverse("admin:partybuild_partyorganization_changelist"), {"secretary__startswith": "保"})
    assert response.status_code == 200
    assert _reads(party_staff).count() == 3


def test_park_staff_see_the_branch_without_its_secretary_and_nothing_is_logged(client):
    branch = PartyOrganizationFactory(secretary=SECRET)
    client.force_login(StaffFactory())
    for url in (
        reverse("partybuild:party_organization", args=[branch.pk]),
        reverse("admin:partybuild_partyorganization_history", args=[branch.pk]),
        reverse(
            "admin:partybuild_partyorganization_simple_history",
            args=[branch.pk, branch.history.get().history_id],
        ),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    assert not MemberAccess.objects.exists()


def test_a_reader_who_may_not_see_the_members_is_refused_and_nothing_is_logged(client, member):
    client.force_login(InstructorFactory())  # guides another organization
    org = member.case.organization_id
    for url in (reverse("partybuild:members", args=[org]), reverse("partybuild:flow_add", args=[org])):
        assert client.get(url).status_code == 404
    assert not MemberAccess.objects.exists()
