"""What the staff dashboard shows, gathered once for the page and for its Excel export (a Celery job): the
figures from `selectors`, and the data of each chart, which the page draws and the workbook lists."""

from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from incubator import jobs
from incubator.models import Site
from incubator.spreadsheets import safe_cell

from . import selectors

OVERDUE_LABELS = {
    "stage_overdue": gettext_lazy("Incubation stages past their due date"),
    "shell_ending": gettext_lazy("In-shell periods ending within seven days"),
    "scores_late": gettext_lazy("Stage evaluations with scores overdue"),
    "scores_due": gettext_lazy("Stage evaluations with scores due within seven days"),
    "reports_late": gettext_lazy("Venture progress reports overdue"),
    "reports_due": gettext_lazy("Venture progress reports due within seven days"),
}


# The charts in the page's order, each with the title its sheet in the workbook gets.
CHART_TITLES = {
    "density_time": gettext_lazy("Per 10,000 residents over time"),
    "density_site": gettext_lazy("Per 10,000 residents per site"),
    "pipeline": gettext_lazy("Incubation funnel: organizations that reached each stage"),
    "occupancy": gettext_lazy("Space occupancy"),
    "money": gettext_lazy("Venture money per round"),
    "proposals": gettext_lazy("Proposals per step"),
    "coverage": gettext_lazy("Party coverage per site"),
    "branches": gettext_lazy("Party organizations by type"),
}


def may_see(user):
    return user.is_authenticated and (user.is_park_staff or user.is_party_staff)


def gather(user, site=None, year=None):
    """The dashboard's context for `user` (park staff see everything, party staff the party figures), with
    `charts`: {name: {"labels", "datasets"}}. A fixed number of queries whatever the data size."""
    context, charts = {}, {}
    if user.is_park_staff:
        all_sites = selectors.sites()
        density = selectors.density(site, year)
        pipeline = selectors.pipeline(all_sites, site, year)
        occupancy = selectors.occupancy(site)
        money = selectors.money(year)
        overdue = selectors.overdue(site)
        for item in overdue:
            item["label"] = OVERDUE_LABELS[item["label"]]
        context.update(density=density, pipeline=pipeline, occupancy=occupancy, money=money, overdue=overdue)
        charts.update(_park_charts(density, pipeline, occupancy, money))
    party = selectors.party_figures(site)
    context["party"] = party
    charts.update(_party_charts(party))
    context["charts"] = charts
    return context


@jobs.handler("dashboard.figures")
def figures_workbook(job, site=None, year=None):
    if not may_see(job.owner):
        raise PermissionDenied
    chosen = Site.objects.filter(pk=site).first() if site else None
    context = gather(job.owner, chosen, year)
    jobs.job_progress(job, 1, 2, _("Figures gathered"))
    book = Workbook()
    book.remove(book.active)
    scope = " · ".join([str(chosen) if chosen else _("All sites"), str(year) if year else _("All years")])
    if "overdue" in context:
        sheet = _sheet(book, _("Overdue and due this week"), scope, ["", _("Number")])
        for item in context["overdue"]:
            sheet.append([str(item["label"]), item["count"]])
    for name, title in CHART_TITLES.items():
        chart = context["charts"].get(name)
        if chart is None:
            continue
        sheet = _sheet(book, title, scope, [""] + [safe_cell(str(d["label"])) for d in chart["datasets"]])
        for i, label in enumerate(chart["labels"]):
            sheet.append([safe_cell(str(label))] + [d["data"][i] for d in chart["datasets"]])
    out = BytesIO()
    book.save(out)
    return "dashboard-figures.xlsx", out.getvalue()


def _sheet(book, title, scope, header):
    # A sheet's name may not hold []:*?/\ and is at most 31 characters long.
    name = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31]
    sheet = book.create_sheet(name)
    sheet.append([str(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([scope])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    return sheet


def _num(value):
    return float(value) if value is not None else None


def _park_charts(density, pipeline, occupancy, money):
    return {
        "density_time": {
            "type": "line",
            "labels": [row["year"] for row in density["timeline"]],
            "datasets": [
                {"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["timeline"]]}
            ],
        },
        "density_site": {
            "type": "bar",
            "labels": [str(row["site"]) for row in density["sites"]],
            "datasets": [{"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["sites"]]}],
        },
        "pipeline": {
            "type": "bar",
            "horizontal": True,
            "stacked": True,
            "labels": [str(row["label"]) for row in pipeline["rows"]],
            "datasets": [
                {"label": str(site), "data": [row["cells"][i]["count"] for row in pipeline["rows"]]}
                for i, site in enumerate(pipeline["sites"])
            ],
        },
        "occupancy": {
            "type": "bar",
            "stacked": True,
            "labels": [str(row["site"]) for row in occupancy["rows"]],
            "datasets": [
                {"label": _("Held"), "data": [row["held"] for row in occupancy["rows"]]},
                {"label": _("Free"), "data": [row["total"] - row["held"] for row in occupancy["rows"]]},
            ],
        },
        "money": {
            "type": "bar",
            "labels": [r["round"].title for r in money["rounds"]],
            "datasets": [
                {"label": _("Pool"), "data": [_num(r["pool"]) for r in money["rounds"]]},
                {"label": _("Awarded"), "data": [_num(r["awarded"]) for r in money["rounds"]]},
                {"label": _("Paid"), "data": [_num(r["paid"]) for r in money["rounds"]]},
                {"label": _("Remaining"), "data": [_num(r["remaining"]) for r in money["rounds"]]},
            ],
        },
        "proposals": {
            "type": "bar",
            "horizontal": True,
            "labels": [str(s["label"]) for s in money["steps"]],
            "datasets": [{"label": _("Proposals"), "data": [s["count"] for s in money["steps"]]}],
        },
    }


def _party_charts(party):
    return {
        "coverage": {
            "type": "bar",
            "stacked": True,
            "labels": [str(c.site) for c in party["by_site"]],
            "datasets": [
                {"label": _("Covered"), "data": [c.covered for c in party["by_site"]]},
                {"label": _("Not covered"), "data": [c.cases - c.covered for c in party["by_site"]]},
            ],
        },
        "branches": {
            "type": "doughnut",
            "labels": [str(b["label"]) for b in party["branches"]],
            "datasets": [{"label": _("Party organizations"), "data": [b["count"] for b in party["branches"]]}],
        },
    }
