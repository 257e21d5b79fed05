"""Deadline reminders: sent once per due date (a second scan sends nothing), also through a real worker."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from incubator.models import Notification, Reminder
from incubator.tasks import scan_deadlines
from tests.conftest import wait_for
from tests.factories import ExpertProfileFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.helpers import announcing_round_dates, score_all, screened
from venture import deadlines, services
from venture.models import ProgressReport, ProposalState


@pytest.mark.django_db
def test_applicants_with_drafts_are_reminded_of_the_submission_deadline_once():
    round_ = RoundFactory()
    draft = ProposalFactory(round=round_)
    submitted = ProposalFactory(round=round_)
    set_state(submitted, ProposalState.SUBMITTED)
    member = applicant_of(draft.organization)
    other_member = applicant_of(submitted.organization)
    today = round_.submission_deadline - datetime.timedelta(days=2)
    assert deadlines.submission_deadline(today - datetime.timedelta(days=5)) == 0  # too early
    assert deadlines.submission_deadline(today) == 1
    assert deadlines.submission_deadline(today) == 0
    assert member.notifications.filter(kind="venture_submission_due").count() == 1
    assert not other_member.notifications.exists()


@pytest.mark.django_db
def test_experts_with_unfinished_reviews_are_reminded_once():
    staff = StaffFactory()
    round_ = RoundFactory()
    done, late = ExpertProfileFactory().user, ExpertProfileFactory().user
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, done), Decimal("0.8"))
    services.assign_expert(staff, proposal, late)
    today = round_.review_deadline - datetime.timedelta(days=1)
    assert deadlines.review_deadline(today) == 1
    assert deadlines.review_deadline(today) == 0
    note = late.notifications.get(kind="venture_review_due")
    assert proposal.organization.name not in note.title
    assert not done.notifications.filter(kind="venture_review_due").exists()


@pytest.mark.django_db
def test_staff_are_reminded_when_the_announcement_period_ends():
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.8"))
    services.close_review(staff, round_)
    services.award(staff, proposal, proposal.requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    round_.refresh_from_db()
    assert deadlines.announcement_end(round_.announcement_ends_on - datetime.timedelta(days=1)) == 0
    assert deadlines.announcement_end(round_.announcement_ends_on) == 1
    assert deadlines.announcement_end(round_.announcement_ends_on + datetime.timedelta(days=1)) == 0
    assert staff.notifications.filter(kind="venture_announcement_end").count() == 1


@pytest.mark.django_db
def test_reports_due_and_overdue_are_reminded_once_each():
    staff = StaffFactory()
    proposal = set_state(ProposalFactory(), ProposalState.IN_PROGRESS)
    member = applicant_of(proposal.organization)
    today = timezone.localdate()
    report = ProgressReport.objects.create(
        proposal=proposal, kind="periodic", due_on=today + datetime.timedelta(days=5)
    )
    assert deadlines.report_due(today) == 1
    assert deadlines.report_due(today) == 0
    assert deadlines.report_due(report.due_on + datetime.timedelta(days=1)) == 1  # now overdue: staff too
    assert deadlines.report_due(report.due_on + datetime.timedelta(days=2)) == 0
    assert member.notifications.filter(kind="venture_report_due").count() == 1
    assert member.notifications.filter(kind="venture_report_overdue").count() == 1
    assert staff.notifications.filter(kind="venture_report_overdue").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_daily_scan_runs_the_venture_scanners_through_a_real_worker(celery_worker):
    round_ = RoundFactory()
    draft = ProposalFactory(round=round_)
    member = applicant_of(draft.organization)
    today = round_.submission_deadline
    scan_deadlines.delay(today.isoformat())
    wait_for(lambda: Notification.objects.filter(recipient=member, kind="venture_submission_due").exists())
    scan_deadlines.delay(today.isoformat())
    scan_deadlines.apply(args=[today.isoformat()])
    assert Reminder.objects.filter(kind="venture_submission_due").count() == 1
    assert Notification.objects.filter(recipient=member, kind="venture_submission_due").count() == 1
