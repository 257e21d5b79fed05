"""The ranking and the money: awards, the announcement and its objections, agreements and funded projects."""

from django.db.models import Q

from ..models import Agreement, Objection, Proposal, ProposalState
from .figures import round_figures

S = ProposalState


def ranking(round_):
    """The staff ranking page: proposals with a panel score, their awards, in rank order."""
    return (
        Proposal.objects.filter(round=round_, rank__isnull=False)
        .select_related("round", "organization", "award")
        .order_by("rank")
    )


# What a row of the staff ranking page shows.
RANKING_COLUMNS = (
    "rank",
    "number",
    "title",
    "score",
    "requested_amount",
    "state",
    "passed_over_reason",
    "round__code",
    "organization__name",
    "award__amount",
    "award__partial_reason",
)


def ranking_rows(round_):
    """The ranking page's rows: the ranking with only the columns the page shows (a thousand rows at once),
    each with its award and the running total of the awards down to it."""
    running = 0
    rows = []
    for p in ranking(round_).only(*RANKING_COLUMNS):
        award = p.award if hasattr(p, "award") else None
        running += award.amount if award else 0
        rows.append({"proposal": p, "award": award, "running": running})
    return rows


def money_summary(round_):
    """The round's figures (selectors.figures.round_figures) for a page: proposals received and requested,
    pool, committed, paid, committed not yet paid, and what remains."""
    r = round_figures().get(pk=round_.pk)
    return {
        "proposals": r.proposal_count,
        "requested": r.requested,
        "pool": r.fund_pool,
        "committed": r.committed,
        "paid": r.paid,
        "unpaid_commitments": r.unpaid_commitments,
        "uncommitted": r.uncommitted,
    }


def committed_total(round_):
    return money_summary(round_)["committed"]


def announced_proposals(round_):
    """What the round's public announcement (公示) listed, for good: every award it announced, whatever its
    project reached since, and those withdrawn on an upheld objection. Nothing before it is published."""
    if not round_.announced_at:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(round=round_)
        .filter(Q(award__isnull=False) | Q(objections__outcome=Objection.Outcome.UPHELD))
        .distinct()
        .select_related("round", "organization", "award")
        .order_by("rank", "number")
    )


def open_for_objections(round_):
    """The announced proposals anyone may object to, while the round accepts objections."""
    if not round_.accepts_objections:
        return Proposal.objects.none()
    return announced_proposals(round_).filter(state=S.ANNOUNCED)


def funded_projects():
    """The public list of funded projects: only once awards are final."""
    return (
        Proposal.objects.filter(state__in=S.final_awards())
        .select_related("round", "organization", "award")
        .order_by("-round__opens_on", "rank")
    )


def objections_of(round_):
    return Objection.objects.filter(round=round_).select_related(
        "proposal__round", "proposal__organization", "handled_by"
    )


def open_objection_count(round_):
    return Objection.objects.filter(round=round_, outcome=Objection.Outcome.OPEN).count()


def agreements_of(round_):
    return (
        Agreement.objects.filter(award__round=round_)
        .select_related("award", "award__proposal", "award__proposal__organization")
        .prefetch_related("tranches")
        .order_by("award__proposal__rank")
    )
