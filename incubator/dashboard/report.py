"""The annual report for the Banner: per site and category, what the park did in a year. One set of figures
for the page and the Excel file, which is built in Celery (incubator.jobs) with a progress bar."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from incubator import jobs, protocol
from incubator.models import Site
from incubator.spreadsheets import safe_cell


def _sections():
    return sorted(protocol.each("report"), key=lambda s: s.order)


def columns():
    """(column, label) of every contributed section, in the report's order."""
    return [(field, str(label)) for section in _sections() for field, label, _money in section.columns]


def row_kinds():
    """The report's rows within a site (the fields of work), as the sections name them."""
    rows = {}
    for section in _sections():
        if section.rows:
            rows.update(section.rows())
    return rows


def _empty(sections):
    return {field: (Decimal(0) if money else 0) for s in sections for field, _label, money in s.columns}


def annual_report(year):
    """{"year", "sites": [{"site", "rows": [{"category", "label", figures...}], "total"}], "total"}; rows with
    nothing to report are left out. A fixed number of queries whatever the data size."""
    sections = _sections()
    merged = {}
    for section in sections:
        for key, values in section.figures(year).items():
            row = merged.setdefault(key, _empty(sections))
            for field, _label, _money in section.columns:
                row[field] += values.get(field) or 0
    grand = _empty(sections)
    kinds = row_kinds()
    sites = []
    for site in Site.objects.order_by("order", "id"):
        rows, total = [], _empty(sections)
        for code, label in kinds.items():
            figures = merged.get((site.pk, code))
            if not figures or not any(figures.values()):
                continue
            rows.append({"category": code, "label": label, "cells": _cells(figures), **figures})
            for field in figures:
                total[field] += figures[field]
                grand[field] += figures[field]
        if rows:
            sites.append({"site": site, "rows": rows, "total": total, "total_cells": _cells(total)})
    return {"year": year, "sites": sites, "total": grand, "total_cells": _cells(grand)}


def _cells(figures):
    """The figures in column order, for the page's table."""
    return [figures[field] for field, _label in columns()]


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
    for index in range(len(heads)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 24 if index == 0 else 18 if index == 1 else 14
    sheet.freeze_panes = "C3"
    jobs.job_progress(job, 2, 3, _("Workbook written"))
    out = BytesIO()
    book.save(out)
    return f"annual-report-{year}.xlsx", out.getvalue()
