"""Moving proposals through the competition with the real services, for tests."""

import datetime

from django.utils import timezone

from orgs import services as orgs_services
from tests.venture.factories import set_state
from venture import services
from venture.models import Assignment, ProposalState, Round


def screened(proposal, staff):
    set_state(proposal, ProposalState.SUBMITTED)
    return services.screen(staff, proposal, "passed", eligible=True, complete=True, documents=True, budget=True)


def pledged(round_, *experts):
    """The experts accept the round panel's integrity pledge (承诺书), as each must before a proposal opens."""
    for expert in experts:
        orgs_services.accept_panel_pledge(expert, round_)


def score_all(assignment, value_fraction, submit=True, comment=""):
    """The expert scores every criterion at `value_fraction` of its maximum."""
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        services.declare_conflict(assignment.expert, assignment, False)
        assignment.refresh_from_db()
    criteria = assignment.rubric.criteria.all()
    scores = {c.pk: (c.max_score * value_fraction, comment) for c in criteria}
    return services.save_review(assignment.expert, assignment, scores, "overall", submit=submit)


def move_dates(round_, **days_from_today):
    """Shift a round's timetable so that e.g. the announcement is over (keeps the dates in order)."""
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        **{name: today + datetime.timedelta(days=offset) for name, offset in days_from_today.items()}
    )
    round_.refresh_from_db()
    return round_


def past_round_dates(round_):
    """Every date of the round in the past, so that the announcement period is over."""
    return move_dates(
        round_,
        opens_on=-60,
        submission_deadline=-50,
        review_starts_on=-49,
        review_deadline=-30,
        announcement_starts_on=-20,
        announcement_ends_on=-10,
        signing_by=-1,
    )


def announcing_round_dates(round_):
    return move_dates(
        round_,
        opens_on=-60,
        submission_deadline=-50,
        review_starts_on=-49,
        review_deadline=-30,
        announcement_starts_on=-2,
        announcement_ends_on=4,
        signing_by=20,
    )
