"""A funded project as its organization and staff follow it: the award, the agreement with its tranches and
payments, the reports due, and the figures a report's spending is checked against."""

from decimal import Decimal

from django.db.models import Sum

from ..models import Agreement, Award, Tranche

ZERO = Decimal(0)
CENT = Decimal("0.01")


def report_figures(proposal):
    """The budget (its lines, in full), the award and what has been paid: beside a report's spending on its
    form and its page, and what the report service checks that spending against."""
    lines = list(proposal.budget_lines.all())
    award = Award.objects.filter(proposal=proposal).only("amount").first()
    paid = Tranche.objects.filter(agreement__award__proposal=proposal, state=Tranche.State.PAID).aggregate(
        total=Sum("paid_amount")
    )["total"]
    return {
        "lines": lines,
        "budget": sum((line.amount for line in lines), ZERO),
        "cofunded": sum((line.cofunded for line in lines), ZERO),
        "awarded": award.amount if award else None,
        "paid": (paid or ZERO).quantize(CENT),  # SQLite's sum drops the cents
    }


def funded_project(proposal):
    """The award and its agreement with each tranche (its condition, state and payment) and the reports still
    to write; None before the agreement exists."""
    agreement = (
        Agreement.objects.filter(award__proposal=proposal).select_related("award").prefetch_related("tranches").first()
    )
    if agreement is None:
        return None
    tranches = list(agreement.tranches.all())
    return {
        "award": agreement.award,
        "agreement": agreement,
        "tranches": tranches,
        "payments": [t for t in tranches if t.state == Tranche.State.PAID],
        "paid": sum((t.paid_amount for t in tranches if t.state == Tranche.State.PAID), ZERO),
        "reports_due": [r for r in proposal.reports.all() if r.is_draft],
    }
