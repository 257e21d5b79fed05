"""Returned for completion (退回补正): staff set the completion deadline (a week unless they choose), the
organization sees it on its proposal and may resubmit until then, whatever the round's submission deadline."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from incubator.models import Notification
from tests.venture.factories import set_state
from tests.venture.helpers import move_dates
from venture import deadlines, services
from venture.models import ProposalState

S = ProposalState
pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def submitted_after_deadline(proposal):
    """Submitted in time; the round's submission deadline passed yesterday."""
    set_state(proposal, S.SUBMITTED)
    move_dates(proposal.round, opens_on=-20, submission_deadline=-1, review_starts_on=0, review_deadline=10)
    return proposal


def test_a_proposal_returned_after_the_deadline_can_be_resubmitted_until_its_completion_deadline(
    client, staff, applicant, submitted_after_deadline
):
    proposal = submitted_after_deadline
    client.force_login(staff)
    response = client.post(
        reverse("venture:staff_screen", args=[proposal.pk]),
        {"outcome": "returned", "reason": "缺少登记证书复印件", "completion_due_on": days(5).isoformat()},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == S.RETURNED and proposal.completion_due_on == days(5)

    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert days(5).isoformat() in page and "补正期限" in page
    assert reverse("venture:proposal_submit", args=[proposal.pk]) in page
    client.post(reverse("venture:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED


def test_the_completion_deadline_is_a_week_unless_staff_choose_and_the_applicant_is_told(
    staff, applicant, submitted_after_deadline
):
    proposal = services.screen(staff, submitted_after_deadline, "returned", "预算明细不全")
    assert proposal.completion_due_on == days(7)
    notice = Notification.objects.get(recipient=applicant, kind="venture_screened")
    assert days(7).isoformat() in notice.body and "预算明细不全" in notice.body


def test_after_the_completion_deadline_submission_is_closed_and_the_page_says_until_when(
    client, staff, applicant, submitted_after_deadline
):
    proposal = services.screen(staff, submitted_after_deadline, "returned", "预算明细不全", completion_due_on=days(0))
    type(proposal).objects.filter(pk=proposal.pk).update(completion_due_on=days(-1))
    with pytest.raises(ValidationError, match=days(-1).isoformat()):
        services.submit_proposal(applicant, proposal)
    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="closed"' in page and days(-1).isoformat() in page
    assert reverse("venture:proposal_submit", args=[proposal.pk]) not in page


def test_a_completion_deadline_in_the_past_is_refused_on_the_screening_page(client, staff, submitted_after_deadline):
    proposal = submitted_after_deadline
    client.force_login(staff)
    response = client.post(
        reverse("venture:staff_screen", args=[proposal.pk]),
        {"outcome": "returned", "reason": "缺少登记证书复印件", "completion_due_on": days(-3).isoformat()},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "补正期限不能早于今天" in page and "缺少登记证书复印件" in page
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED


def test_a_draft_still_closes_with_the_round(applicant, proposal):
    move_dates(proposal.round, opens_on=-20, submission_deadline=-1, review_starts_on=0, review_deadline=10)
    with pytest.raises(ValidationError, match="提交已截止"):
        services.submit_proposal(applicant, proposal)


def test_the_organization_is_reminded_of_its_completion_deadline(staff, applicant, submitted_after_deadline):
    services.screen(staff, submitted_after_deadline, "returned", "预算明细不全", completion_due_on=days(2))
    assert deadlines.submission_deadline(timezone.localdate()) == 1
    reminder = Notification.objects.get(recipient=applicant, kind="venture_submission_due")
    assert days(2).isoformat() in reminder.title


def test_staff_see_the_completion_deadline_in_the_screening_queue(client, staff, submitted_after_deadline):
    proposal = services.screen(staff, submitted_after_deadline, "returned", "预算明细不全", completion_due_on=days(4))
    client.force_login(staff)
    page = client.get(reverse("venture:staff_screening", args=[proposal.round_id])).content.decode()
    assert days(4).isoformat() in page and "补正期限" in page
