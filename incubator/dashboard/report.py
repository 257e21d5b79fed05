"""The annual report for the Banner: per site and category, what the park did in a year. One set of figures
for the page and the Excel file, which is built in Celery (incubator.jobs) with a progress bar."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from incubator import jobs
from incubator.models import Site
from incubator.spreadsheets import safe_cell
from orgs import selectors as orgs
from orgs.models import Category
from partybuild import selectors as party
from venture import selectors as venture

COUNTS = ("taken_in", "incubated", "exited", "bids_won", "beneficiaries", "party_cases", "party_covered")
MONEY = ("bids_amount", "awarded", "paid")
FIELDS = COUNTS + MONEY


def columns():
    return [
        ("taken_in", _("Taken in")),
        ("incubated", _("Incubated in the shell")),
        ("exited", _("Exited the shell")),
        ("bids_won", _("Government service bids won")),
        ("bids_amount", _("Bids won (yuan)")),
        ("awarded", _("Venture money awarded (yuan)")),
        ("paid", _("Venture money paid (yuan)")),
        ("beneficiaries", _("Beneficiaries reached")),
        ("party_cases", _("Organizations with a party case at the year's end")),
        ("party_covered", _("Covered by a party organization at the year's end")),
    ]


def _empty():
    return {f: (Decimal(0) if f in MONEY else 0) for f in FIELDS}


def annual_report(year):
    """{"year", "sites": [{"site", "rows": [{"category", "label", figures...}], "total"}], "total"}; rows with
    nothing to report are left out. A fixed number of queries whatever the data size."""
    sources = [orgs.annual_figures(year), venture.annual_figures(year)]
    coverage = party.coverage_by_site_and_category(year)
    merged = {}
    for source in sources:
        for key, values in source.items():
            row = merged.setdefault(key, _empty())
            for field in FIELDS:
                row[field] += values.get(field) or 0
    for key, (cases, covered) in coverage.items():
        row = merged.setdefault(key, _empty())
        row["party_cases"], row["party_covered"] = cases, covered
    grand = _empty()
    sites = []
    for site in Site.objects.order_by("order", "id"):
        rows, total = [], _empty()
        for code, label in Category.choices:
            figures = merged.get((site.pk, code))
            if not figures or not any(figures.values()):
                continue
            rows.append({"category": code, "label": label, "cells": _cells(figures), **figures})
            for field in FIELDS:
                total[field] += figures[field]
                grand[field] += figures[field]
        if rows:
            sites.append({"site": site, "rows": rows, "total": total, "total_cells": _cells(total)})
    return {"year": year, "sites": sites, "total": grand, "total_cells": _cells(grand)}


def _cells(figures):
    """The figures in column order, for the page's table."""
    return [figures[field] for field, _label in columns()]


@jobs.handler("dashboard.annual_report")
def annual_report_workbook(job, year):
    report = annual_report(int(year))
    jobs.job_progress(job, 1, 3, _("Figures gathered"))
    book = Workbook()
    sheet = book.active
    sheet.title = str(year)
    heads = [_("Site"), _("Field of work")] + [label for _field, label in columns()]
    sheet.append([_("Annual report of the Double Incubation Park, %(year)s") % {"year": year}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(heads)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    fields = [field for field, _label in columns()]
    for block in report["sites"]:
        for row in block["rows"]:
            sheet.append([safe_cell(block["site"].name), str(row["label"])] + [row[f] for f in fields])
        sheet.append([safe_cell(block["site"].name), _("Subtotal")] + [block["total"][f] for f in fields])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.append([_("Banner total"), ""] + [report["total"][f] for f in fields])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKL", [24, 18] + [14] * 10, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"
    jobs.job_progress(job, 2, 3, _("Workbook written"))
    out = BytesIO()
    book.save(out)
    return f"annual-report-{year}.xlsx", out.getvalue()
