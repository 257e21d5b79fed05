"""The park-wide figures of the competition for the dashboard and the annual report."""

from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from ..models import Award, ProgressReport, Proposal, ProposalState, Round, Tranche

S = ProposalState
ZERO = Decimal(0)


# Sums of yuan, typed as decimals whatever the database (pages print them to the cent).
YUAN = DecimalField(max_digits=14, decimal_places=2)


def _total(queryset, field):
    """The sum of `field` over `queryset`, as a subquery per round: a round's figures are never multiplied by
    a join with another of its relations."""
    total = Subquery(queryset.order_by().values("round").annotate(total=Sum(field)).values("total"))
    return Coalesce(total, ZERO, output_field=YUAN)


def round_figures():
    """Every round with its figures, one query for any number of rounds: proposals received (drafts are not)
    and the money they request, money committed (awards in force), paid (tranche payments) and what remains
    of the pool. Every page, export and report showing one of them reads it here."""
    received = Proposal.objects.filter(round=OuterRef("pk")).exclude(state=S.DRAFT)
    count = received.order_by().values("round").annotate(n=Count("pk")).values("n")
    paid = Tranche.objects.filter(agreement__award__round=OuterRef("pk"), state=Tranche.State.PAID).annotate(
        round=F("agreement__award__round")
    )
    return Round.objects.annotate(
        proposal_count=Coalesce(Subquery(count), 0),
        requested=_total(received, "requested_amount"),
        committed=_total(Award.objects.committed().filter(round=OuterRef("pk")), "amount"),
        paid=_total(paid, "paid_amount"),
    ).annotate(
        uncommitted=ExpressionWrapper(F("fund_pool") - F("committed"), output_field=YUAN),
        unpaid_commitments=ExpressionWrapper(F("committed") - F("paid"), output_field=YUAN),
    )


def money_by_round(year=None):
    """Every round with its figures in the order they opened (the dashboard)."""
    rounds = round_figures().order_by("opens_on", "pk")
    return rounds.filter(opens_on__year=year) if year else rounds


def proposals_per_state(year=None):
    """Submitted proposals counted per state ({state: n}), in one query."""
    qs = Proposal.objects.exclude(state=S.DRAFT)
    if year:
        qs = qs.filter(round__opens_on__year=year)
    return dict(qs.order_by().values_list("state").annotate(n=Count("pk")))


def annual_figures(year):
    """Per (site id, category) of the funded organizations: money awarded in the rounds of `year`, money paid
    in `year`, and beneficiaries reached (each project's highest figure reported in `year`). Three queries."""
    figures = {}

    def add(site, category, **values):
        row = figures.setdefault((site, category), {"awarded": ZERO, "paid": ZERO, "beneficiaries": 0})
        for key, value in values.items():
            row[key] += value or 0

    awarded = (
        Award.objects.committed()
        .filter(round__opens_on__year=year)
        .order_by()
        .values("proposal__organization__site", "proposal__organization__category")
        .annotate(total=Sum("amount"))
    )
    for r in awarded:
        add(r["proposal__organization__site"], r["proposal__organization__category"], awarded=r["total"])
    paid = (
        Tranche.objects.filter(state=Tranche.State.PAID, paid_on__year=year)
        .order_by()
        .values("agreement__award__proposal__organization__site", "agreement__award__proposal__organization__category")
        .annotate(total=Sum("paid_amount"))
    )
    for r in paid:
        add(
            r["agreement__award__proposal__organization__site"],
            r["agreement__award__proposal__organization__category"],
            paid=r["total"],
        )
    reached = (
        ProgressReport.objects.filter(submitted_at__year=year, beneficiaries_reached__isnull=False)
        .order_by()
        .values("proposal", "proposal__organization__site", "proposal__organization__category")
        .annotate(most=Max("beneficiaries_reached"))
    )
    for r in reached:
        add(r["proposal__organization__site"], r["proposal__organization__category"], beneficiaries=r["most"])
    return figures
