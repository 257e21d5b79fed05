"""The party workbench, the case lists, the instructor portal, the panels; figures and query counts."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from incubator import panels
from partybuild import selectors
from partybuild.models import JointMeeting, MemberAccess, PartyOrganization, Stage
from tests.factories import (
    ExpertFactory,
    InstructorFactory,
    OrganizationFactory,
    PartyStaffFactory,
    SiteFactory,
    StaffFactory,
    applicant_of,
)
from tests.orgs.factories import in_shell
from tests.partybuild.factories import (
    InstructorProfileFactory,
    PartyCaseFactory,
    PartyMemberFactory,
    PartyOrganizationFactory,
    SupportFactory,
    members,
)

pytestmark = pytest.mark.django_db


def park(n, site=None, instructor=None):
    """n organizations in the park across the bands, a third covered by a joint branch, with supports."""
    site = site or SiteFactory()
    branch = PartyOrganizationFactory(site=site)
    for i in range(n):
        case = PartyCaseFactory(organization=OrganizationFactory(site=site), instructor=instructor)
        members(case, full=i % 4, probationary=i % 2)
        if i % 3 == 0:
            branch.organizations.add(case.organization)
        SupportFactory(organization=case.organization, kind="funds", amount=Decimal("100"))
    return site


def test_workbench_figures():
    site_a, site_b = SiteFactory(), SiteFactory()
    covered = PartyCaseFactory(organization=OrganizationFactory(site=site_a))
    members(covered, full=3)
    PartyOrganizationFactory(kind=PartyOrganization.Kind.BRANCH, organizations=[covered.organization])
    members(PartyCaseFactory(organization=OrganizationFactory(site=site_a)), full=1)
    PartyCaseFactory(organization=OrganizationFactory(site=site_b))
    in_shell(OrganizationFactory(site=site_b))  # admitted without a case
    OrganizationFactory(site=site_b)  # only in the registry: not the party's to cover yet
    coverage = selectors.coverage()
    assert (coverage.cases, coverage.covered, coverage.percent) == (3, 1, 33.3)
    per_site = {row.site: (row.cases, row.covered) for row in coverage.by_site}
    assert per_site[site_a] == (2, 1) and per_site[site_b] == (1, 0)
    assert {b["band"]: b["count"] for b in selectors.band_counts()} == {"none": 1, "few": 1, "three_full": 1}
    assert {s["stage"]: s["count"] for s in selectors.stage_counts()}[Stage.INSPECTION] == 3
    assert {b["kind"]: b["count"] for b in selectors.branch_counts()} == {
        "committee": 1,
        "joint_branch": 0,
        "branch": 1,
    }
    assert selectors.organizations_without_case().count() == 1


def test_the_workbench_page_for_party_staff_only(client):
    park(4)
    for user in (StaffFactory(), InstructorFactory(), ExpertFactory(), applicant_of()):
        client.force_login(user)
        assert client.get(reverse("partybuild:workbench")).status_code == 403
    client.force_login(PartyStaffFactory())
    page = client.get(reverse("partybuild:workbench"))
    assert page.status_code == 200
    assert 'data-testid="coverage">50.0%' in page.content.decode()


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name", ["partybuild:workbench", "partybuild:cases", "partybuild:structure", "partybuild:mine"]
)
def test_list_pages_keep_a_constant_number_of_queries(client, django_assert_max_num_queries, url_name):
    user = PartyStaffFactory()
    if url_name == "partybuild:mine":
        user = InstructorFactory()
    InstructorProfileFactory()
    park(3, instructor=user if user.is_instructor else None)
    client.force_login(user)
    url = reverse(url_name)
    small = _count(client, url, django_assert_max_num_queries, 20)
    park(40, instructor=user if user.is_instructor else None)
    for _ in range(5):
        InstructorProfileFactory()
        PartyOrganizationFactory()
    large = _count(client, url, django_assert_max_num_queries, 20)
    assert small == large, (url_name, small, large)


def test_case_page_queries_do_not_grow_with_members_and_supports(client, django_assert_max_num_queries):
    case = PartyCaseFactory(instructor=InstructorFactory())
    branch = PartyOrganizationFactory(organizations=[case.organization])
    client.force_login(PartyStaffFactory())
    url = reverse("partybuild:case", args=[case.organization_id])
    small = _count(client, url, django_assert_max_num_queries, 20)
    members(case, full=20)
    for _ in range(20):
        SupportFactory(organization=case.organization)
    PartyOrganizationFactory(organizations=[case.organization], kind=PartyOrganization.Kind.BRANCH)
    for i in range(5):
        JointMeeting.objects.create(party_organization=branch, topic=f"会议{i}", minutes="纪要")
    large = _count(client, url, django_assert_max_num_queries, 20)
    assert small == large


def test_members_page_queries_are_constant(client, django_assert_max_num_queries):
    case = PartyCaseFactory()
    client.force_login(PartyStaffFactory())
    url = reverse("partybuild:members", args=[case.organization_id])
    small = _count(client, url, django_assert_max_num_queries, 20)
    for _ in range(30):
        PartyMemberFactory(case=case)
    assert _count(client, url, django_assert_max_num_queries, 20) == small


def test_the_instructor_portal_lists_only_my_organizations(client):
    me = InstructorFactory()
    mine = PartyCaseFactory(instructor=me)
    other = PartyCaseFactory(instructor=InstructorFactory())
    PartyMemberFactory(case=mine, transfer_status="pending", transfer_due="2026-12-01")
    PartyMemberFactory(case=mine, transfer_status="pending", transfer_due="2026-12-01", receipt_returned=True)
    client.force_login(me)
    page = client.get(reverse("partybuild:mine")).content.decode()
    assert mine.organization.name in page and other.organization.name not in page
    assert "1人关系转接中" in page
    assert client.get(reverse("partybuild:case", args=[other.organization_id])).status_code == 404
    assert client.get(reverse("partybuild:cases")).status_code == 403


def test_an_instructor_on_a_joint_branch_page_gets_links_only_to_what_they_may_open(client):
    me = InstructorFactory()
    mine = PartyCaseFactory(instructor=me)
    other = PartyCaseFactory(instructor=InstructorFactory())
    branch = PartyOrganizationFactory(organizations=[mine.organization, other.organization])
    client.force_login(me)
    page = client.get(reverse("partybuild:party_organization", args=[branch.pk])).content.decode()
    assert mine.organization.name in page and other.organization.name in page
    assert reverse("partybuild:case", args=[mine.organization_id]) in page
    for closed in (
        reverse("partybuild:case", args=[other.organization_id]),
        reverse("partybuild:party_organization", args=[branch.parent_id]),
        reverse("partybuild:structure"),
    ):
        assert f'href="{closed}"' not in page
    assert reverse("partybuild:mine") in page


def test_park_staff_see_counts_but_no_member_link(client):
    case = PartyCaseFactory()
    PartyMemberFactory(case=case, name="名字不可见")
    client.force_login(StaffFactory())
    page = client.get(reverse("partybuild:case", args=[case.organization_id])).content.decode()
    assert reverse("partybuild:members", args=[case.organization_id]) not in page
    assert "名字不可见" not in page


def test_case_list_filters_by_band_and_stage(client):
    none = PartyCaseFactory()
    few = members(PartyCaseFactory(), full=1)
    client.force_login(PartyStaffFactory())
    page = client.get(reverse("partybuild:cases"), {"band": "few"}).content.decode()
    assert few.organization.name in page and none.organization.name not in page
    assert none.organization.name not in client.get(reverse("partybuild:cases"), {"stage": "support"}).content.decode()


@pytest.mark.parametrize("bad", [{"q": "\x00"}, {"site": "²"}, {"site": "99999999999999999999"}, {"stage": "boss"}])
def test_a_bad_filter_value_is_left_out_and_the_others_apply(client, bad):
    """A NUL in the search or a superscript digit as the site answered 500."""
    none = PartyCaseFactory()
    few = members(PartyCaseFactory(), full=1)
    client.force_login(PartyStaffFactory())
    response = client.get(reverse("partybuild:cases"), {"band": "few", **bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert few.organization.name in page and none.organization.name not in page


def test_panels_show_rating_and_coverage_without_names():
    case = PartyCaseFactory()
    members(case, full=3)
    PartyMemberFactory(case=case, name="面板不显示")
    PartyOrganizationFactory(organizations=[case.organization])
    request = RequestFactory().get("/")
    request.user = StaffFactory()
    shown = panels.panels_for("organization", request, case.organization)
    assert [p.template for p in shown] == ["partybuild/panel.html"]

    class Evaluation:
        organization = case.organization

    (panel,) = panels.panels_for("evaluation", request, Evaluation())
    html = render_to_string(panel.template, panel.context, request=request)
    assert 'data-testid="party-panel"' in html
    assert "面板不显示" not in html
    assert panel.context["priority"].covered
    assert not panel.context["party_members_link"]


def test_forming_a_branch_through_the_page_refuses_too_few_full_members(client):
    case = members(PartyCaseFactory(), full=2, probationary=2)
    committee = PartyOrganizationFactory(kind=PartyOrganization.Kind.COMMITTEE, parent=None, name="园区联合党委")
    client.force_login(PartyStaffFactory())
    data = {
        "kind": "branch",
        "name": "新党支部",
        "parent": committee.pk,
        "organizations": [case.organization_id],
        "formed_on": "2026-11-01",
        "formation_mode": "standalone",
        "meeting_interval_months": "3",
    }
    response = client.post(reverse("partybuild:party_organization_add"), data)
    assert response.status_code == 200
    assert "新党支部" in response.content.decode()
    assert not PartyOrganization.objects.filter(name="新党支部").exists()
    members(case, full=1)
    assert client.post(reverse("partybuild:party_organization_add"), data).status_code == 302
    assert PartyOrganization.objects.get(name="新党支部").organizations.get() == case.organization


def test_training_flow_and_honour_through_the_pages(client):
    case = PartyCaseFactory(instructor=InstructorFactory())
    backbone = PartyMemberFactory(case=case, status="activist", name="骨干甲")
    branch = PartyOrganizationFactory(organizations=[case.organization])
    client.force_login(case.instructor)
    response = client.post(
        reverse("partybuild:training_add", args=[case.organization_id]),
        {"held_on": "2026-10-01", "topic": "党务知识培训", "participants": "9", "hours": "3"},
    )
    assert response.status_code == 302 and case.organization.party_trainings.get().participants == 9
    flow_url = reverse("partybuild:flow_add", args=[case.organization_id])
    assert client.get(flow_url).status_code == 200
    bad = client.post(flow_url, {"member": backbone.pk, "direction": "member_to_leader", "on": "2026-10-02"})
    assert bad.status_code == 200 and not backbone.flows.exists()  # an activist is not yet a party member
    ok = client.post(flow_url, {"member": backbone.pk, "direction": "backbone_to_member", "on": "2026-10-02"})
    assert ok.status_code == 302 and backbone.flows.count() == 1
    # Every request of the form reads the names through the one door: the GET, the refusal sent back with the
    # names, and the flow recorded.
    assert MemberAccess.objects.filter(user=case.instructor).count() == 3
    assert client.get(reverse("partybuild:honour_add", args=[branch.pk])).status_code == 403
    client.force_login(PartyStaffFactory())
    response = client.post(
        reverse("partybuild:honour_add", args=[branch.pk]),
        {"category": "model", "year": "2026", "title": "示范党支部", "awarded_on": "2026-11-01"},
    )
    assert response.status_code == 302
    assert selectors.project_priority(case.organization).model


def test_the_park_committee_is_formed_once_through_the_page(client):
    client.force_login(PartyStaffFactory())
    data = {
        "kind": "committee",
        "name": "园区联合党委",
        "formed_on": "2014-01-10",
        "formation_mode": "area",
        "meeting_interval_months": "3",
    }
    assert client.post(reverse("partybuild:party_organization_add"), data).status_code == 302
    again = client.post(reverse("partybuild:party_organization_add"), {**data, "name": "另一个联合党委"})
    assert again.status_code == 200
    assert PartyOrganization.objects.filter(kind="committee").count() == 1


def test_park_staff_only_look_at_party_records_in_the_admin(client):
    branch = PartyOrganizationFactory(secretary="书记乙")
    client.force_login(StaffFactory())
    change = client.get(reverse("admin:partybuild_partyorganization_change", args=[branch.pk]))
    assert change.status_code == 200 and "书记乙" not in change.content.decode()
    assert client.get(reverse("admin:partybuild_support_add")).status_code == 403
    assert client.get(reverse("admin:partybuild_partyorganization_add")).status_code == 403


def test_party_organization_page_queries_are_constant(client, django_assert_max_num_queries):
    branch = PartyOrganizationFactory(organizations=[PartyCaseFactory().organization])
    JointMeeting.objects.create(party_organization=branch, topic="首次会议", minutes="纪要")
    client.force_login(PartyStaffFactory())
    url = reverse("partybuild:party_organization", args=[branch.pk])
    small = _count(client, url, django_assert_max_num_queries, 20)
    for i in range(15):
        case = PartyCaseFactory()
        branch.organizations.add(case.organization)
        meeting = JointMeeting.objects.create(party_organization=branch, topic=f"会议{i}", minutes="纪要")
        meeting.attending_organizations.add(case.organization)
        SupportFactory(organization=None, party_organization=branch)
    assert _count(client, url, django_assert_max_num_queries, 20) == small
