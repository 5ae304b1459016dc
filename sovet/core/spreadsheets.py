"""Values written into CSV or XLSX files that people open in spreadsheet programs, and the
files people import read back: one reader (`read_table`) for every importer.

A table is a CSV (UTF-8 with or without a BOM, UTF-16 from Excel's "Unicode text", else
Windows-1251; comma, semicolon or tab) or an XLSX workbook (its first sheet). The kind is read
from the file's first bytes, not its name; an old .xls, a picture or any other binary file is
refused with a sentence that says what to do (`UnreadableFile`).
"""

import codecs
import csv
import datetime
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from sovet.core.models import Region
from sovet.core.text import fold

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """The value as text a spreadsheet shows, never runs (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_unguarded(value: str) -> str:
    """A cell as it was before `no_formula`: our exports come back in as they went out (the
    value is data; nothing ever evaluates it)."""
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


# -- Reading imported files ---------------------------------------------------------------------

XLSX_SIGNATURE = b"PK\x03\x04"  # a ZIP archive, as every Office Open XML file
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the old binary Excel (and Word) format
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HEAD = 8192  # enough of a file to tell its kind
_CHUNK = 1 << 20


class UnreadableFile(Exception):
    """The file is no table we can read; the message says why and what to do next.

    `code` ("missing", "xls", "binary", "xlsx", "empty") lets an importer word a case its own
    way; `params` holds what the message names (for "binary": the guessed "type").
    """

    def __init__(self, message: str, *, code: str, params: dict | None = None):
        super().__init__(message)
        self.code = code
        self.params = params or {}


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    encoding: str  # the CSV's: "utf-8-sig", "utf-16" or "cp1251"; "" for a workbook
    header: list[str]  # the first row: the names of the columns, as written
    rows: Iterator[list[str]]  # the rows after it, blank ones included, each cell as text
    total: int | None = None  # how many rows follow the header, when counted and known


def read_table(source: bytes | Path, *, name: str = "", count: bool = False) -> Table:
    """The table in an uploaded file's bytes or in a file on disk (read as it is iterated, so a
    file of a million rows costs little memory). `name`, or the path's, only matters when it
    ends in .xlsx: then the file must be a workbook. With `count`, the rows are counted first
    (one more pass) for a progress bar. Raises UnreadableFile."""
    path = Path(source) if isinstance(source, str | Path) else None
    name = name or (path.name if path else "")
    head = _head(path) if path else source[:_HEAD]
    if head.startswith(XLSX_SIGNATURE):
        table = _workbook(path or source, count)
    elif name.lower().endswith(".xlsx"):
        raise _not_a_workbook()
    else:
        _refuse_binary(head)
        if path:
            table = _csv_file(path, _file_encoding(path, head), count)
        else:
            text, encoding = _decoded(source)
            table = _csv_text(text, encoding, count)
    if not table.header or not any(table.header):
        raise UnreadableFile(
            _("The file is empty: its first row must name the columns."), code="empty"
        )
    return table


def decode_text(data: bytes) -> str:
    """A text file's content (see `read_table` for the encodings); UnreadableFile when the
    bytes are an old Excel file or binary data."""
    _refuse_binary(data[:_HEAD])
    return _decoded(data)[0]


def file_sha256(path: Path) -> str:
    """The file's checksum: an interrupted import knows it is continuing the same file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(_HEAD)
    except OSError as error:
        raise UnreadableFile(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror},
            code="missing",
        ) from error


def _refuse_binary(head: bytes) -> None:
    """Text has no NUL bytes (UTF-16 aside) and no signature of a known binary format."""
    if head.startswith(XLS_SIGNATURE):
        raise UnreadableFile(
            _("This is an old Excel (.xls) file: save it as .xlsx or as CSV and import again."),
            code="xls",
        )
    guessed = filetype.guess(head)
    if guessed is not None or (b"\x00" in head and not head.startswith(_UTF16_BOMS)):
        kind = guessed.extension.upper() if guessed else _("binary data")
        raise UnreadableFile(
            _(
                "This is not a CSV or XLSX file (it looks like %(type)s). Save the table as CSV "
                "or XLSX and import it again."
            )
            % {"type": kind},
            code="binary",
            params={"type": kind},
        )


def _decoded(data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "cp1251"


def _file_encoding(path: Path, head: bytes) -> str:
    """As `_decoded` decides, reading the file in chunks."""
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return "utf-8-sig" if utf8 else "cp1251"


def _delimiter(header_line: str) -> str:
    """Comma, semicolon (Excel where the decimal mark is a comma) or tab: the header's names
    have none of their own, so the one it has most of. A tie is a comma."""
    return max((",", ";", "\t"), key=header_line.count)


def _cells(reader) -> Iterator[list[str]]:
    for row in reader:
        yield [cell_text(value) for value in row]


def _split(rows: Iterator[list[str]]) -> tuple[list[str], Iterator[list[str]]]:
    return next(rows, []), rows


def _csv_text(text: str, encoding: str, count: bool) -> Table:
    delimiter = _delimiter(text.split("\n", 1)[0])
    rows = _cells(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, rows = _split(rows)
    total = None
    if count:
        total = sum(1 for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        total = max(total - 1, 0)
    return Table("csv", encoding, header, rows, total)


def _csv_file(path: Path, encoding: str, count: bool) -> Table:
    def opened():
        return path.open(encoding=encoding, errors="replace", newline="")

    with opened() as stream:
        delimiter = _delimiter(stream.readline())
        total = (
            max(sum(1 for _row in csv.reader(stream, delimiter=delimiter)), 0) if count else None
        )

    def rows():
        with opened() as stream:
            yield from _cells(csv.reader(stream, delimiter=delimiter))

    header, rest = _split(rows())
    return Table("csv", encoding, header, rest, total)


def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(
        _("The file cannot be read as an Excel workbook: save it again as .xlsx or as CSV."),
        code="xlsx",
    )


def _workbook(source: Path | bytes, count: bool) -> Table:
    # openpyxl judges a path by its extension: a stream is judged by its content.
    stream = source.open("rb") if isinstance(source, Path) else io.BytesIO(source)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        stream.close()
        raise _not_a_workbook() from error
    total = max(sheet.max_row - 1, 0) if count and sheet.max_row else None

    def rows():
        try:
            for row in sheet.iter_rows(values_only=True):
                yield [cell_text(value) for value in row]
        except Exception as error:  # noqa: BLE001 - a sheet can break half way through
            raise _not_a_workbook() from error
        finally:
            workbook.close()
            stream.close()

    header, rest = _split(rows())
    return Table("xlsx", "", header, rest, total)


def normalized(text: str) -> str:
    """A header or a name as compared: folded (core.text.fold), without the marks people put
    around a column's name («Фамилия:», «Дата рождения*»)."""
    return fold(text).strip(" .:*")


def cell_text(value) -> str:
    """A spreadsheet cell as text: 1921.0 is "1921", a date is "1943-05-09"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\x00", "").strip()


def choice_lookup(choices) -> dict[str, str]:
    """Every code and every translated label of a set of choices, normalised, to its code."""
    found = {}
    for code, label in choices.choices:
        found[normalized(code)] = code
        found[normalized(code.replace("_", " "))] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                found[normalized(str(label))] = code
    return found


def region_lookup() -> dict:
    """Every region by its code and names (and their short forms), normalised."""

    found = {}
    for region in Region.objects.all():
        for name in (region.code, region.name_ru, region.name_ky, region.name_en):
            found[normalized(name)] = region
        # «Бишкек» for «г. Бишкек», «Чуйская» for «Чуйская область».
        short = re.sub(r"^г\.?\s+|\s+(область|region|city)$", "", normalized(region.name_ru))
        short_en = re.sub(r"\s+(region|city)$", "", normalized(region.name_en))
        found.setdefault(short, region)
        found.setdefault(short_en, region)
    return found
