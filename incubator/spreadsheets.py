"""Spreadsheet exports: what a user typed must never run as a formula when the file is opened, nor break the
file."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for a spreadsheet cell. Control characters a worksheet cannot hold (all but tab, newline and
    carriage return; openpyxl refuses to write them) are dropped; text that then starts like a formula is
    prefixed with a quote (CSV/formula injection)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value
