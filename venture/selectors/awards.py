"""The ranking and the money: awards, the announcement and its objections, agreements and funded projects."""

from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from ..models import Agreement, Award, Objection, Proposal, ProposalState, Tranche
from ..models.proposals import FINAL_AWARDS, FUNDED, ON_ANNOUNCEMENT

S = ProposalState
ZERO = Decimal(0)


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


def committed_total(round_):
    return Award.objects.filter(round=round_, proposal__state__in=FUNDED).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]


def money_summary(round_):
    """Committed (awards in force), paid (tranche payments) and remaining, for the round page."""
    committed = committed_total(round_)
    paid = Tranche.objects.filter(agreement__award__round=round_, state=Tranche.State.PAID).aggregate(
        total=Coalesce(Sum("paid_amount"), ZERO)
    )["total"]
    return {
        "pool": round_.fund_pool,
        "committed": committed,
        "paid": paid,
        "unpaid_commitments": committed - paid,
        "uncommitted": round_.fund_pool - committed,
    }


def announced_proposals(round_):
    return (
        Proposal.objects.filter(round=round_, state__in=ON_ANNOUNCEMENT)
        .select_related("round", "organization", "award")
        .order_by("rank")
    )


def open_for_objections(round_):
    """The announced proposals anyone may still object to."""
    return announced_proposals(round_).filter(state=S.ANNOUNCED)


def funded_projects():
    """The public list of funded projects: only once awards are final."""
    return (
        Proposal.objects.filter(state__in=FINAL_AWARDS)
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
