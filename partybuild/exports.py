"""Member exports (Excel) for party-building staff. Text that a spreadsheet would run as a formula is
neutralised, so a name typed as "=HYPERLINK(...)" stays text."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from incubator.spreadsheets import safe_cell


def members_workbook(members):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Party members")
    sheet.append(
        [
            _("Organization"),
            _("Site"),
            _("Member name"),
            _("Status"),
            _("Party relationship held at"),
            _("Transfer"),
            _("Transfer due"),
            _("Receipt returned"),
        ]
    )
    for m in members:
        organization = m.case.organization
        row = [
            organization.name,
            str(organization.site),
            m.name,
            m.get_status_display(),
            m.relationship_held_at,
            m.get_transfer_status_display(),
            m.transfer_due,
            _("yes") if m.receipt_returned else _("no"),
        ]
        sheet.append([safe_cell(v) for v in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
