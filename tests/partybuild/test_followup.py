"""Supports ledger, joint meetings, star ratings with their public announcement, project priority."""

from datetime import timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from partybuild import selectors, services
from partybuild.models import Honour, JointMeeting, PartyOrganization, StarRating, Support
from tests.factories import ExpertFactory, InstructorFactory, PartyStaffFactory, StaffFactory, applicant_of
from tests.partybuild.factories import PartyCaseFactory, PartyOrganizationFactory, SupportFactory, scheme

pytestmark = pytest.mark.django_db


def test_support_totals_by_kind_per_organization_and_overall():
    case = PartyCaseFactory()
    SupportFactory(organization=case.organization, kind=Support.Kind.FUNDS, amount=Decimal("5000"))
    SupportFactory(organization=case.organization, kind=Support.Kind.FUNDS, amount=Decimal("2500.50"))
    SupportFactory(organization=case.organization, kind=Support.Kind.VENUE)
    SupportFactory(organization=None, party_organization=PartyOrganizationFactory(), kind=Support.Kind.TALENT)
    mine = {t["kind"]: t for t in selectors.support_totals(selectors.supports_for(organization=case.organization))}
    assert mine["funds"]["count"] == 2 and mine["funds"]["amount"] == Decimal("7500.50")
    assert mine["venue"]["count"] == 1 and mine["talent"]["count"] == 0
    overall = {t["kind"]: t["count"] for t in selectors.support_totals()}
    assert overall == {
        "venue": 1,
        "project": 0,
        "funds": 2,
        "talent": 1,
        "training": 0,
        "information": 0,
        "consultation": 0,
    }


def test_funds_need_an_amount_and_a_support_needs_a_recipient():
    party_staff = PartyStaffFactory()
    case = PartyCaseFactory()
    with pytest.raises(ValidationError):
        services.record_support(party_staff, Support(organization=case.organization, kind="funds", description="经费"))
    with pytest.raises(IntegrityError):
        Support.objects.create(kind="venue", description="无对象")


def test_the_assigned_instructor_records_supports_for_their_organization_only():
    instructor = InstructorFactory()
    mine, other = PartyCaseFactory(instructor=instructor), PartyCaseFactory()
    services.record_support(
        instructor, Support(organization=mine.organization, kind="consultation", description="政策")
    )
    with pytest.raises(PermissionDenied):
        services.record_support(instructor, Support(organization=other.organization, kind="venue", description="x"))


def test_a_joint_meeting_sets_the_next_due_date_by_the_branch_schedule():
    branch = PartyOrganizationFactory(meeting_interval_months=2)
    held_on = timezone.localdate() - timedelta(days=10)
    services.record_meeting(
        PartyStaffFactory(),
        JointMeeting(party_organization=branch, held_on=held_on, topic="联席会议", minutes="议定事项", attendees=8),
    )
    branch.refresh_from_db()
    assert branch.next_meeting_due == held_on + relativedelta(months=2)


def _points(s, each):
    return {i.pk: min(Decimal(each), i.max_points) for i in s.indicators.all()}


def test_star_bands_and_the_innovation_condition_for_five_stars():
    s = scheme()
    assert s.max_points == 110
    assert s.stars_for(Decimal(95), innovation=True) == 5
    assert s.stars_for(Decimal(95), innovation=False) == 4
    assert [s.stars_for(Decimal(p), False) for p in (85, 75, 65, 59)] == [4, 3, 2, 1]
    s.five_star_needs_innovation = False
    assert s.stars_for(Decimal(90), innovation=False) == 5


def test_a_rating_is_announced_before_it_becomes_final():
    party_staff = PartyStaffFactory()
    s = scheme(publicity_days=5)
    branch = PartyOrganizationFactory()
    rating = services.rate(party_staff, branch, 2026, s, _points(s, 12), innovation=False)
    assert rating.points == Decimal("90") and rating.stars == 4  # 90 points, but no innovation project
    with pytest.raises(ValidationError):
        services.finalize_rating(party_staff, rating)
    rating = services.announce_rating(party_staff, rating)
    assert rating.announced_until == timezone.localdate() + timedelta(days=5)
    with pytest.raises(ValidationError):  # still in 公示
        services.finalize_rating(party_staff, rating)
    StarRating.objects.filter(pk=rating.pk).update(announced_until=timezone.localdate() - timedelta(days=1))
    assert services.finalize_rating(party_staff, rating).state == StarRating.State.FINAL
    with pytest.raises(ValidationError):  # one rating per year
        services.rate(party_staff, branch, 2026, s, _points(s, 12))


def test_points_above_an_indicator_maximum_are_refused():
    s = scheme()
    points = _points(s, 10)
    points[s.indicators.first().pk] = Decimal(16)
    with pytest.raises(ValidationError):
        services.rate(PartyStaffFactory(), PartyOrganizationFactory(), 2026, s, points)
    assert not StarRating.objects.exists()


def test_project_priority_from_coverage_stars_and_model_selection():
    case = PartyCaseFactory()
    assert selectors.project_priority(case.organization) == selectors.ProjectPriority(False, None, None, False)
    branch = PartyOrganizationFactory(organizations=[case.organization])
    assert not selectors.project_priority(case.organization).priority
    s = scheme()
    StarRating.objects.create(party_organization=branch, year=2025, scheme=s, points=75, stars=3, state="final")
    StarRating.objects.create(party_organization=branch, year=2026, scheme=s, points=85, stars=4, state="draft")
    priority = selectors.project_priority(case.organization)
    assert (priority.covered, priority.stars, priority.rating_year, priority.priority) == (True, 3, 2025, True)
    other = PartyCaseFactory()
    model = PartyOrganizationFactory(organizations=[other.organization])
    Honour.objects.create(category=Honour.Category.MODEL, year=2026, title="示范党支部", party_organization=model)
    assert selectors.project_priority(other.organization).priority


def test_latest_ratings_are_each_branch_latest_final_rating_in_one_query(django_assert_num_queries):
    s = scheme()
    rated, unrated, draft_only = PartyOrganizationFactory(), PartyOrganizationFactory(), PartyOrganizationFactory()
    for year, state in ((2024, "final"), (2025, "final"), (2026, "draft")):
        StarRating.objects.create(party_organization=rated, year=year, scheme=s, points=75, stars=3, state=state)
    StarRating.objects.create(party_organization=draft_only, year=2026, scheme=s, points=85, stars=4, state="draft")
    other = PartyOrganizationFactory()
    StarRating.objects.create(party_organization=other, year=2026, scheme=s, points=85, stars=4, state="final")
    with django_assert_num_queries(1):
        ratings = selectors.latest_ratings([rated.pk, unrated.pk, draft_only.pk])
    assert {pk: r.year for pk, r in ratings.items()} == {rated.pk: 2025}


def test_rating_through_the_pages(client):
    current = selectors.current_scheme()
    branch = PartyOrganizationFactory()
    client.force_login(PartyStaffFactory())
    url = reverse("partybuild:rating_add", args=[branch.pk])
    assert client.get(url).status_code == 200
    fields = {f"indicator_{i.pk}": str(i.max_points) for i in current.indicators.all()}
    too_many = {**fields, next(iter(fields)): "99"}
    bad = client.post(url, {"year": "2026", **too_many})
    assert bad.status_code == 200 and "99" in bad.content.decode() and not StarRating.objects.exists()
    assert client.post(url, {"year": "2026", "innovation": "on", **fields}).status_code == 302
    rating = StarRating.objects.get()
    assert (rating.points, rating.stars, rating.state) == (current.max_points, 5, StarRating.State.DRAFT)
    client.post(reverse("partybuild:rating_announce", args=[rating.pk]))
    assert StarRating.objects.get().state == StarRating.State.ANNOUNCED
    assert "★★★★★" in client.get(reverse("partybuild:party_organization", args=[branch.pk])).content.decode()


def test_party_organization_pages_are_closed_to_other_instructors_and_applicants(client):
    mine = PartyCaseFactory(instructor=InstructorFactory())
    branch = PartyOrganizationFactory(kind=PartyOrganization.Kind.JOINT_BRANCH, secretary="书记姓名")
    url = reverse("partybuild:party_organization", args=[branch.pk])
    for user in (mine.instructor, applicant_of(mine.organization), ExpertFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    branch.organizations.add(mine.organization)
    client.force_login(mine.instructor)
    page = client.get(url)
    assert page.status_code == 200 and "书记姓名" not in page.content.decode()
    assert client.get(reverse("partybuild:meeting_add", args=[branch.pk])).status_code == 403
    client.force_login(StaffFactory())
    page = client.get(reverse("partybuild:party_organization", args=[branch.pk]))
    assert page.status_code == 200
    assert reverse("partybuild:rating_add", args=[branch.pk]) not in page.content.decode()


def test_activity_dates_follow_the_events_and_never_move_back():
    party_staff = PartyStaffFactory()
    long_ago = timezone.localdate() - timedelta(days=200)
    case = PartyCaseFactory(last_activity_on=long_ago)
    services.record_support(
        party_staff,
        Support(
            organization=case.organization, kind="venue", description="阵地", given_on=long_ago - timedelta(days=5)
        ),
    )
    case.refresh_from_db()
    assert case.last_activity_on == long_ago
    branch = PartyOrganizationFactory(organizations=[case.organization])
    held_on = timezone.localdate() - timedelta(days=10)
    services.record_meeting(
        party_staff,
        JointMeeting(party_organization=branch, held_on=held_on, topic="联席会议", minutes="纪要"),
        attending=[case.organization],
    )
    case.refresh_from_db()
    assert case.last_activity_on == held_on


def test_only_party_staff_announce_a_rating(client):
    branch = PartyOrganizationFactory()
    rating = StarRating.objects.create(
        party_organization=branch, year=2026, scheme=scheme(is_current=True), points=80, stars=4
    )
    url = reverse("partybuild:rating_announce", args=[rating.pk])
    for someone in (StaffFactory(), InstructorFactory()):
        client.force_login(someone)
        assert client.post(url).status_code == 403
    assert StarRating.objects.get().state == StarRating.State.DRAFT
    client.force_login(PartyStaffFactory())
    assert client.post(url).status_code == 302
    assert StarRating.objects.get().state == StarRating.State.ANNOUNCED
