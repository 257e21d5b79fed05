"""Spreadsheet exports: what a user typed must never run as a formula when the file is opened."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for a spreadsheet cell; text starting like a formula is prefixed with a quote (CSV/formula
    injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
