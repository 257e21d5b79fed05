"""Deadline scanners of the competition: each sends its reminders once per due date (remind_once)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.models import User
from incubator.services import interpolate, remind_once

from .models import Assignment, ProgressReport, Proposal, ProposalState, Review, Round
from .services.common import park_staff

# How many days ahead each reminder goes out.
SUBMISSION_NOTICE_DAYS = 3
REVIEW_NOTICE_DAYS = 3
REPORT_NOTICE_DAYS = 7


def submission_deadline(today):
    """Applicants with a draft (or a returned proposal) in a round that closes within three days."""
    drafts = Proposal.objects.filter(
        state__in=ProposalState.editable(),
        round__submission_deadline__gte=today,
        round__submission_deadline__lte=today + datetime.timedelta(days=SUBMISSION_NOTICE_DAYS),
    ).select_related("round")
    members = _members_by_organization({p.organization_id for p in drafts})
    sent = 0
    for proposal in drafts:
        sent += remind_once(
            proposal,
            "venture_submission_due",
            proposal.round.submission_deadline,
            members.get(proposal.organization_id, []),
            interpolate(
                _("Proposal %(code)s is not submitted: the deadline is %(due)s"),
                {"code": proposal.code, "due": proposal.round.submission_deadline.isoformat()},
            ),
            _("Submit it before the deadline; after it, submission is closed."),
            reverse("venture:proposal", args=[proposal.pk]),
        )
    return sent


def review_deadline(today):
    """Experts with an unfinished review due within three days or overdue."""
    assignments = (
        Assignment.objects.filter(
            due_on__lte=today + datetime.timedelta(days=REVIEW_NOTICE_DAYS),
            proposal__round__review_closed_at__isnull=True,
        )
        .exclude(conflict=Assignment.Conflict.CONFLICT)
        .exclude(review__state=Review.State.SUBMITTED)
        .exclude(proposal__state=ProposalState.WITHDRAWN)
        .select_related("expert", "proposal__round")
    )
    sent = 0
    for assignment in assignments:
        sent += remind_once(
            assignment,
            "venture_review_due",
            assignment.due_on,
            [assignment.expert],
            interpolate(
                _("Your review of %(code)s is due on %(due)s"),
                {"code": assignment.proposal.code, "due": assignment.due_on.isoformat()},
            ),
            "",
            reverse("venture:expert_evaluation", args=[assignment.proposal_id, assignment.kind]),
        )
    return sent


def announcement_end(today):
    """Staff: the announcement period ends today (or has ended) and the awards are not final yet."""
    rounds = Round.objects.filter(
        announced_at__isnull=False, finalized_at__isnull=True, announcement_ends_on__lte=today
    )
    staff = list(park_staff())
    sent = 0
    for round_ in rounds:
        sent += remind_once(
            round_,
            "venture_announcement_end",
            round_.announcement_ends_on,
            staff,
            interpolate(
                _("The announcement of %(round)s ends on %(end)s"),
                {"round": round_.title, "end": round_.announcement_ends_on.isoformat()},
            ),
            _("Record the handling of every objection, then make the awards final."),
            reverse("venture:staff_objections", args=[round_.pk]),
        )
    return sent


def report_due(today):
    """Organizations: a report due within a week; and once more, with staff, when it is overdue."""
    reports = ProgressReport.objects.filter(
        submitted_at__isnull=True, due_on__lte=today + datetime.timedelta(days=REPORT_NOTICE_DAYS)
    ).select_related("proposal__round")
    members = _members_by_organization({r.proposal.organization_id for r in reports})
    staff = list(park_staff())
    sent = 0
    for report in reports:
        url = reverse("venture:report", args=[report.pk])
        people = members.get(report.proposal.organization_id, [])
        if report.due_on < today:
            sent += remind_once(
                report,
                "venture_report_overdue",
                report.due_on,
                [*people, *staff],
                interpolate(
                    _("Report on %(code)s is overdue (due %(due)s)"),
                    {"code": report.proposal.code, "due": report.due_on.isoformat()},
                ),
                "",
                url,
            )
        else:
            sent += remind_once(
                report,
                "venture_report_due",
                report.due_on,
                people,
                interpolate(
                    _("Report on %(code)s is due on %(due)s"),
                    {"code": report.proposal.code, "due": report.due_on.isoformat()},
                ),
                "",
                url,
            )
    return sent


def _members_by_organization(organization_ids):
    result = {}
    users = User.objects.filter(
        membership__organization_id__in=organization_ids, membership__confirmed_at__isnull=False, is_active=True
    ).select_related("membership")
    for user in users:
        result.setdefault(user.membership.organization_id, []).append(user)
    return result
