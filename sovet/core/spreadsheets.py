"""Values written into CSV or XLSX files that people open in spreadsheet programs."""

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """The value as text a spreadsheet shows, never runs (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
