"""The register in Excel as Celery jobs (incubator.jobs): exporting the filtered organization list and
importing an existing register, each with a progress bar and a file to download when done."""

from io import BytesIO

import tablib
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from incubator import jobs
from incubator.services import interpolate
from incubator.spreadsheets import safe_cell

from . import selectors
from .filters import OrganizationFilter
from .resources import OrganizationResource

XLSX = ".xlsx"
CHECK_CHUNK = 100


def export_register(job, query=""):
    """The organization list as filtered on the page (the same filters, read again as the owner sees them)."""
    filterset = OrganizationFilter(QueryDict(query), queryset=selectors.workbench_organizations(job.owner))
    organizations = filterset.qs
    total = organizations.count()
    resource = OrganizationResource(progress=lambda done: jobs.job_progress(job, done, total))
    dataset = resource.export(organizations)
    return f"organizations-{timezone.localdate():%Y%m%d}{XLSX}", dataset.export("xlsx")


def import_register(job, check_only=False):
    """All or nothing: the register is written only if every row is valid (and not when only checking). The
    result is a report naming each row's outcome, so staff can fix the file and import it again.

    Rows are first checked in chunks, each in a transaction that is rolled back, so the progress bar (written
    between chunks) moves while they are checked; only a valid file is then written, in one transaction."""
    with job.source.open("rb") as f:
        dataset = tablib.Dataset().load(f.read(), format="xlsx")
    total = len(dataset)
    steps = total if check_only else total * 2
    outcomes = {}
    for start in range(0, total, CHECK_CHUNK):
        chunk = tablib.Dataset(*dataset[start : start + CHECK_CHUNK], headers=dataset.headers)
        resource = OrganizationResource()
        resource.import_data(chunk, dry_run=True)
        outcomes.update({start + number: row for number, row in resource.outcomes.items()})
        jobs.job_progress(job, start + len(chunk), steps, _("Checking the rows"))
    repeated = _repeated_in_file(dataset)
    failed = bool(repeated) or any(_problems(row, {}) for row in outcomes.values())
    if not failed and not check_only:
        jobs.job_progress(job, total, steps, _("Writing the register"))
        resource = OrganizationResource()
        result = resource.import_data(dataset)
        outcomes = resource.outcomes
        failed = result.has_errors() or result.has_validation_errors()
    kinds = [("error" if number in repeated else row.import_type) for number, row in outcomes.items()]
    summary = interpolate(
        _("%(rows)s rows: %(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(errors)s with errors."),
        {
            "rows": total,
            "new": kinds.count("new"),
            "updated": kinds.count("update"),
            "unchanged": kinds.count("skip"),
            "errors": kinds.count("error") + kinds.count("invalid"),
        },
    )
    if failed:
        verdict = _("Nothing was imported: correct the rows marked in the report and import the file again.")
    elif check_only:
        verdict = _("Checked only, nothing was written: the file can be imported as it is.")
    else:
        verdict = _("The register is imported.")
    jobs.job_progress(job, steps, steps, f"{verdict} {summary}")
    return f"import-report-{timezone.localdate():%Y%m%d}{XLSX}", _report(outcomes, repeated, dataset, failed)


def _repeated_in_file(dataset):
    """Rows whose name or credit code an earlier row of the same file already has: {row number: message}."""
    repeated = {}
    for heading in ("名称", "统一社会信用代码"):
        if heading not in (dataset.headers or []):
            continue
        first_seen = {}
        for number, value in enumerate(dataset.get_col(dataset.headers.index(heading)), 1):
            key = str(value or "").strip()
            if not key:
                continue
            if key in first_seen:
                repeated[number] = _("%(heading)s is the same as in row %(row)s.") % {
                    "heading": heading,
                    "row": first_seen[key] + 1,
                }
            else:
                first_seen[key] = number
    return repeated


def _report(outcomes, repeated, dataset, failed):
    labels = {
        "new": _("New"),
        "update": _("Updated"),
        "skip": _("Unchanged"),
        "error": _("Error"),
        "invalid": _("Error"),
    }
    book = Workbook()
    sheet = book.active
    sheet.title = _("Import report")
    sheet.append([_("Row"), _("Organization name"), _("Outcome"), _("What to correct")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    names = dataset.get_col(dataset.headers.index("名称")) if "名称" in (dataset.headers or []) else []
    warn = PatternFill("solid", fgColor="FDE2E1")
    columns = {field.attribute: field.column_name for field in OrganizationResource().fields.values()}
    for number, row_result in sorted(outcomes.items()):
        problems = "；".join(filter(None, [_problems(row_result, columns), repeated.get(number, "")]))
        outcome = labels["error"] if problems else labels.get(row_result.import_type, row_result.import_type)
        if failed and not problems:
            outcome = _("Valid (not written)")
        name = names[number - 1] if number <= len(names) else ""
        # Excel shows the sheet's row: the header is row 1, so data row 1 is row 2.
        sheet.append([number + 1, safe_cell(name), str(outcome), safe_cell(problems)])
        if problems:
            for cell in sheet[sheet.max_row]:
                cell.fill = warn
    for letter, width in zip("ABCD", (8, 36, 16, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _problems(row_result, columns):
    """The row's errors, each under the register's column heading."""
    parts = []
    if row_result.validation_error is not None:
        for field, messages in row_result.validation_error.message_dict.items():
            heading = columns.get(field)
            parts.append(f"{heading}：{'；'.join(messages)}" if heading else "；".join(messages))
    parts += [str(error.error) for error in row_result.errors]
    return "；".join(parts)
