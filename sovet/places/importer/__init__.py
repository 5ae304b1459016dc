"""Importing memorial places from CSV, XLSX or GeoJSON: every row is checked first, and the places
are saved only when no row has an error, all in one transaction, so nothing is ever half imported.

Spreadsheets name their columns in the first row, in Russian, Kyrgyz or English (as
memory/importer.py reads them); GeoJSON features carry the same names as properties, or
OpenStreetMap's tags (name, name:ru, memorial=*, historic=*). Our own export (export.py) comes
back in as it went out. A problem is an error, which stops the import, or a warning (a possible
duplicate, a place without coordinates), which the user reads and accepts.
"""

from .checking import check_file
from .columns import TEMPLATE_COLUMNS, column_names, column_title
from .reading import MAX_BYTES, MAX_ROWS, check_size, read_file
from .report import ImportRefused, ImportReport, Problem, Row

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "TEMPLATE_COLUMNS",
    "ImportRefused",
    "ImportReport",
    "Problem",
    "Row",
    "check_file",
    "check_size",
    "column_names",
    "column_title",
    "read_file",
]
