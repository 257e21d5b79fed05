"""Experts: who must recuse from whom, an expert's assignments and list, and the experts staff pick from."""

from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from incubator.roles import Role, holders
from orgs.selectors import recused_organization_ids

from ..models import Assignment, ProposalState, Review, Score


def experts():
    """The expert reviewers staff assign, by user name (one list for every picker of a page)."""
    return holders(Role.EXPERT).order_by("username")


def active_assignments(user, kind=None):
    """The expert's assignments that are not recused, neither by declaration nor by a known tie."""
    qs = Assignment.objects.filter(expert=user).exclude(conflict=Assignment.Conflict.CONFLICT)
    qs = qs.exclude(proposal__organization_id__in=recused_organization_ids(user))
    qs = qs.exclude(proposal__state=ProposalState.WITHDRAWN)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def expert_assignments(user, kind):
    """The expert's active assignments of that kind, with what the declaration and scoring pages show."""
    return active_assignments(user, kind).select_related("proposal__round__rubric", "proposal__organization")


def reads_proposal(user, proposal):
    """Whether the expert reviews the proposal: an active assignment, declared free of conflict."""
    return active_assignments(user).filter(proposal=proposal, conflict=Assignment.Conflict.NONE).exists()


def review_of(assignment):
    """The expert's own review of the assignment, None before the first save."""
    return Review.objects.filter(assignment=assignment).first()


def with_scores(review):
    """The expert's review with its scores and their criteria read in one query (the scoring form's values and
    the locked summary)."""
    prefetch_related_objects([review], Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    return review


def expert_portal(user):
    """The expert's list: each assignment with its proposal, round and own review (never anyone else's),
    in a fixed number of queries whatever the length."""
    return (
        active_assignments(user)
        .select_related("proposal", "proposal__round", "proposal__organization", "review")
        .annotate(scored=Count("review__scores", filter=Q(review__scores__value__isnull=False)))
        .order_by("due_on", "proposal__round_id", "proposal__number")
    )


def expert_portal_rows(user):
    """The expert's list page: the same assignments with only what a row shows (code, title, round, due date,
    state of the review); the Excel sheet of my scores reads expert_portal whole."""
    return (
        expert_portal(user)
        .select_related(None)
        .select_related("proposal__round", "review")
        .only(
            "kind",
            "conflict",
            "due_on",
            "proposal__number",
            "proposal__title",
            "proposal__round__code",
            "proposal__round__title",
            "review__state",
        )
    )
