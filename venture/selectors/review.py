"""The expert review of a round as staff follow it: assignments and load, pending and submitted reviews."""

from dataclasses import dataclass, field

from django.db.models import Count

from ..models import Assignment, Proposal, ProposalState, Review, ReviewKind, ReviewOverride, Round
from .proposals import round_proposals


def assignment_table(round_):
    """The assignment page: [(proposal, its assignments)] of the screened and reviewed proposals by number,
    and [(expert, proposals assigned without a conflict)] by user name. Two queries."""
    proposals = list(round_proposals(round_).filter(state__in=ProposalState.review_stage()).order_by("number"))
    assignments = Assignment.objects.filter(proposal__round=round_, kind=ReviewKind.PROPOSAL).select_related(
        "expert", "review"
    )
    by_proposal = {}
    load = {}
    for a in assignments:
        by_proposal.setdefault(a.proposal_id, []).append(a)
        if a.conflict != Assignment.Conflict.CONFLICT:
            load[a.expert] = load.get(a.expert, 0) + 1
    rows = [(p, by_proposal.get(p.pk, [])) for p in proposals]
    return rows, sorted(load.items(), key=lambda kv: kv[0].username)


def pending_review_count(round_):
    """Reviews of the round's proposals not yet submitted by an expert without a conflict."""
    return (
        Assignment.objects.filter(proposal__round=round_, kind=ReviewKind.PROPOSAL)
        .exclude(conflict=Assignment.Conflict.CONFLICT)
        .exclude(review__state=Review.State.SUBMITTED)
        .count()
    )


def reviewed_proposals(round_):
    """The round's proposals from the expert review on, by number (the public panel's page)."""
    return round_proposals(round_).filter(state__in=ProposalState.reviewed()).order_by("number")


def reviewed_proposal_numbers(round_):
    """{proposal id: number} of the round's proposals from the expert review on: the aggregated review's rows."""
    return dict(Proposal.objects.filter(round=round_, state__in=ProposalState.reviewed()).values_list("pk", "number"))


def proposals_by_pk(round_, ids):
    """{id: proposal} of those of the round's proposals, with what a row of a staff table shows (code, title)."""
    return (
        Proposal.objects.filter(round=round_)
        .select_related("round")
        .only("number", "title", "round__code")
        .in_bulk(ids)
    )


def submitted_reviews(round_, kind="proposal"):
    """Every submitted review of the round with its scores: the aggregation's raw material (staff only)."""
    return (
        Review.objects.filter(assignment__proposal__round=round_, assignment__kind=kind, state=Review.State.SUBMITTED)
        .select_related("assignment", "assignment__expert")
        .prefetch_related("scores")
    )


def score_sheet_reviews(round_):
    """The submitted reviews on the score sheets, with each expert's profile, by proposal number."""
    return (
        submitted_reviews(round_)
        .select_related("assignment__proposal__round", "assignment__expert__expert_profile")
        .order_by("assignment__proposal__number", "assignment__assigned_at", "assignment_id")
    )


def submitted_review_counts(round_, proposal_ids=None):
    """{proposal id: submitted proposal reviews by experts still on its panel}."""
    reviews = Review.objects.filter(
        assignment__proposal__round=round_,
        assignment__kind=ReviewKind.PROPOSAL,
        assignment__conflict=Assignment.Conflict.NONE,
        state=Review.State.SUBMITTED,
    )
    if proposal_ids is not None:
        reviews = reviews.filter(assignment__proposal_id__in=proposal_ids)
    return dict(reviews.values("assignment__proposal").annotate(n=Count("pk")).values_list("assignment__proposal", "n"))


@dataclass
class Shortfall:
    """A proposal in review with fewer submitted reviews than the round needs: the experts still owing one,
    and the override staff recorded, if any."""

    proposal: Proposal
    submitted: int
    needed: int
    owing: list = field(default_factory=list)
    override: ReviewOverride | None = None


def review_shortfall(round_):
    """The round's proposals in review short of submitted reviews, by number (three queries)."""
    needed = round_.reviews_needed
    counts = submitted_review_counts(round_)
    proposals = (
        Proposal.objects.filter(round=round_, state=ProposalState.IN_REVIEW)
        .select_related("round", "review_override__by")
        .order_by("number")
    )
    rows = {
        p.pk: Shortfall(p, counts.get(p.pk, 0), needed, override=getattr(p, "review_override", None))
        for p in proposals
        if counts.get(p.pk, 0) < needed
    }
    owing = (
        Assignment.objects.filter(proposal_id__in=rows, kind=ReviewKind.PROPOSAL)
        .exclude(conflict=Assignment.Conflict.CONFLICT)
        .exclude(review__state=Review.State.SUBMITTED)
        .select_related("expert")
        .order_by("expert__username")
    )
    for assignment in owing:
        rows[assignment.proposal_id].owing.append(assignment.expert)
    return list(rows.values())


def rubrics_being_scored():
    """Ids of the rubrics experts score on now (incubator.scoring.RUBRICS_IN_USE): the selection rubric of a
    round whose review is open, the implementation rubric of a mid-term or final evaluation not yet scored."""
    reviewing = Round.objects.filter(review_closed_at__isnull=True, proposals__state=ProposalState.IN_REVIEW)
    ids = set(reviewing.values_list("rubric_id", flat=True))
    evaluating = (
        Assignment.objects.exclude(kind=ReviewKind.PROPOSAL)
        .filter(conflict__in=Assignment.Conflict.on_panel())
        .exclude(review__state=Review.State.SUBMITTED)
        .values_list("proposal__round__implementation_rubric", "proposal__round__rubric")
    )
    ids.update(implementation or selection for implementation, selection in evaluating)
    return ids
