"""What partybuild shows on the dashboard (to park and party staff) and in the annual report
(incubator.protocol): party coverage per site and the party organizations by type; never a member's name."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors

REPORT_COLUMNS = [
    ("party_cases", gettext_lazy("Organizations with a party case at the year's end"), False),
    ("party_covered", gettext_lazy("Covered by a party organization at the year's end"), False),
]


def gather(user, site=None, year=None):
    if not (user.is_park_staff or user.is_party_staff):
        return None
    coverage = selectors.coverage()
    by_site = [c for c in coverage.by_site if not site or c.site.pk == site.pk]
    party = {
        "coverage": coverage,
        "by_site": by_site,
        "branches": selectors.branch_counts(),
        "cases_url": reverse("partybuild:cases"),
        "structure_url": reverse("partybuild:structure"),
    }
    return {"party": party, "charts": _charts(party)}


def report_figures(year):
    return {
        key: {"party_cases": cases, "party_covered": covered}
        for key, (cases, covered) in selectors.coverage_by_site_and_category(year).items()
    }


def _charts(party):
    return {
        "coverage": {
            "title": _("Party coverage per site"),
            "type": "bar",
            "stacked": True,
            "labels": [str(c.site) for c in party["by_site"]],
            "datasets": [
                {"label": _("Covered"), "data": [c.covered for c in party["by_site"]]},
                {"label": _("Not covered"), "data": [c.cases - c.covered for c in party["by_site"]]},
            ],
        },
        "branches": {
            "title": _("Party organizations by type"),
            "type": "doughnut",
            "labels": [str(b["label"]) for b in party["branches"]],
            "datasets": [{"label": _("Party organizations"), "data": [b["count"] for b in party["branches"]]}],
        },
    }
