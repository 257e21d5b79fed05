"""What the staff dashboard shows, gathered once for the page and for its Excel export (a Celery job). The
figures are the sections the apps contribute (incubator.protocol.DashboardSection), in their order; each chart
a section carries is drawn on the page and listed as a sheet of the workbook."""

from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from incubator import jobs, protocol
from incubator.models import Site
from incubator.spreadsheets import safe_cell


def may_see(user):
    return user.is_authenticated and (user.is_park_staff or user.is_party_staff)


def gather(user, site=None, year=None):
    """The dashboard's context for `user`: `sections` [{"template", "figures"}] the user may see, `charts`
    {name: chart} of all of them, `overdue`, every section's overdue items in one list, and each section's
    named figures (`density`, `money` …) for the Excel export and whoever reads the page's context."""
    context, sections, charts, overdue = {}, [], {}, []
    for section in sorted(protocol.each("dashboard"), key=lambda s: s.order):
        figures = section.gather(user, site, year)
        if figures is None:
            continue
        sections.append({"template": section.template, "figures": figures})
        charts.update(figures.get("charts", {}))
        overdue += figures.get("overdue", [])
        context.update({name: value for name, value in figures.items() if name not in ("charts", "overdue")})
    return {**context, "sections": sections, "charts": charts, "overdue": overdue}


def figures_workbook(job, site=None, year=None):
    if not may_see(job.owner):
        raise PermissionDenied
    chosen = Site.objects.filter(pk=site).first() if site else None
    context = gather(job.owner, chosen, year)
    jobs.job_progress(job, 1, 2, _("Figures gathered"))
    book = Workbook()
    book.remove(book.active)
    scope = " · ".join([str(chosen) if chosen else _("All sites"), str(year) if year else _("All years")])
    if context["overdue"]:
        sheet = _sheet(book, _("Overdue and due this week"), scope, ["", _("Number")])
        for item in context["overdue"]:
            sheet.append([str(item["label"]), item["count"]])
    for chart in context["charts"].values():
        sheet = _sheet(book, chart["title"], scope, [""] + [safe_cell(str(d["label"])) for d in chart["datasets"]])
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
