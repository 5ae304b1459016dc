"""What checking a file gives: the places it would save and the problems found, by row; or
ImportRefused when the file as a whole cannot be imported."""

from dataclasses import dataclass, field

from ..models import MemorialPlace


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class Problem:
    row: int  # as a spreadsheet numbers it (the header is row 1), or the GeoJSON feature's
    column: str  # as the file names it, or the field's label
    message: str
    is_error: bool
    code: str
    link: str = ""  # the admin page of the existing place a warning is about
    link_text: str = ""


@dataclass
class Row:
    number: int
    place: MemorialPlace
    participants: list[int]
    name_column: str = ""  # where the name was read: the column of duplicate warnings
    has_error: bool = False
    has_warning: bool = False


@dataclass
class ImportReport:
    file_kind: str  # "csv", "xlsx" or "geojson"
    rows: list[Row]
    problems: list[Problem]
    unused_columns: list[str] = field(default_factory=list)

    @property
    def error_rows(self) -> int:
        return sum(row.has_error for row in self.rows)

    @property
    def warning_rows(self) -> int:
        return sum(row.has_warning for row in self.rows)

    @property
    def to_import(self) -> int:
        return len(self.rows) - self.error_rows

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.error_rows
