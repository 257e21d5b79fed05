"""The party scanners: fixed dates, run twice (sends once), and once through a real worker."""

from datetime import date, timedelta

import pytest

from incubator.models import Notification, Reminder
from incubator.tasks import scan_deadlines
from partybuild import deadlines
from partybuild.models import PartyCase, PartyOrganization, StarRating, TransferStatus
from tests.conftest import wait_for
from tests.factories import InstructorFactory, PartyStaffFactory
from tests.partybuild.factories import PartyCaseFactory, PartyMemberFactory, PartyOrganizationFactory

TODAY = date(2026, 12, 5)


@pytest.fixture
def party_staff(db):
    return PartyStaffFactory()


@pytest.mark.django_db
def test_an_organization_without_an_instructor_after_three_days(party_staff):
    late = PartyCaseFactory(opened_on=TODAY - timedelta(days=3))
    PartyCaseFactory(opened_on=TODAY - timedelta(days=2))
    PartyCaseFactory(opened_on=TODAY - timedelta(days=10), instructor=InstructorFactory())
    assert deadlines.instructor_missing(TODAY) == 1
    assert deadlines.instructor_missing(TODAY) == 0
    notification = party_staff.notifications.get()
    assert late.organization.name in notification.title
    assert Reminder.objects.get().due_date == TODAY


@pytest.mark.django_db
def test_a_stage_idle_for_ninety_days_reminds_the_instructor(party_staff):
    instructor = InstructorFactory()
    PartyCaseFactory(instructor=instructor, last_activity_on=TODAY - timedelta(days=90))
    PartyCaseFactory(instructor=instructor, last_activity_on=TODAY - timedelta(days=89))
    assert deadlines.stage_idle(TODAY) == 1
    assert deadlines.stage_idle(TODAY) == 0
    assert instructor.notifications.count() == 1
    assert not party_staff.notifications.exists()


@pytest.mark.django_db
def test_star_rating_due_yearly_for_branches_not_finally_rated(party_staff):
    rated, unrated = PartyOrganizationFactory(), PartyOrganizationFactory(kind=PartyOrganization.Kind.BRANCH)
    committee = PartyOrganization.objects.get(kind=PartyOrganization.Kind.COMMITTEE)
    StarRating.objects.create(
        party_organization=rated, year=2026, scheme_id=1, points=80, stars=4, state=StarRating.State.FINAL
    )
    assert deadlines.star_rating_due(date(2026, 11, 30)) == 0  # more than 30 days before 31 December
    assert deadlines.star_rating_due(TODAY) == 1
    assert deadlines.star_rating_due(TODAY) == 0
    reminder = Reminder.objects.get()
    assert (reminder.object_id, reminder.due_date) == (unrated.pk, date(2026, 12, 31))
    assert committee.pk != reminder.object_id


@pytest.mark.django_db
def test_joint_meetings_due_by_the_branch_schedule(party_staff):
    due = PartyOrganizationFactory(next_meeting_due=TODAY + timedelta(days=7))
    PartyOrganizationFactory(next_meeting_due=TODAY + timedelta(days=8))
    assert deadlines.joint_meeting_due(TODAY) == 1
    assert deadlines.joint_meeting_due(TODAY) == 0
    assert Reminder.objects.get().object_id == due.pk


@pytest.mark.django_db
def test_membership_transfers_due_without_names_in_the_message(party_staff):
    instructor = InstructorFactory()
    case = PartyCaseFactory(instructor=instructor)
    PartyMemberFactory(case=case, name="转接人甲", transfer_status=TransferStatus.PENDING, transfer_due=TODAY)
    PartyMemberFactory(case=case, transfer_status=TransferStatus.PENDING, transfer_due=TODAY, receipt_returned=True)
    PartyMemberFactory(case=case, transfer_status=TransferStatus.PENDING, transfer_due=TODAY + timedelta(days=30))
    assert deadlines.transfer_due(TODAY) == 1
    assert deadlines.transfer_due(TODAY) == 0
    notes = Notification.objects.filter(kind="party_transfer_due")
    assert {n.recipient for n in notes} == {instructor, party_staff}
    assert not any("转接人甲" in n.title + n.body for n in notes)


@pytest.mark.django_db
def test_the_scan_queries_do_not_grow_per_row(party_staff, django_assert_max_num_queries):
    for _ in range(30):
        PartyCaseFactory(opened_on=TODAY - timedelta(days=200), last_activity_on=TODAY - timedelta(days=200))
    deadlines.instructor_missing(TODAY)
    deadlines.stage_idle(TODAY)
    # Everything already reminded: one select per scanner plus the staff list.
    with django_assert_max_num_queries(4):
        assert deadlines.instructor_missing(TODAY) == 0
        assert deadlines.stage_idle(TODAY) == 0


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_party_scanners(celery_worker):
    PartyStaffFactory()
    case = PartyCaseFactory(opened_on=TODAY - timedelta(days=5))
    scan_deadlines.delay(TODAY.isoformat())
    wait_for(lambda: Reminder.objects.filter(kind="party_instructor_missing", object_id=case.pk).exists())
    assert PartyCase.objects.get(pk=case.pk).instructor is None
