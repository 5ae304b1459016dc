"""Reading a file into records: CSV and XLSX through core.spreadsheets (the columns named in the
first row), GeoJSON by its features (properties, and a Point's coordinates). Nothing is checked
here but whether the file can be read at all (ImportRefused)."""

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sovet.core import spreadsheets
from sovet.core.spreadsheets import cell_text, formula_unguarded

from .report import ImportRefused

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass
class Record:
    """One row or feature as read: (column or property name, text) pairs, before any check."""

    number: int
    cells: list[tuple[str, str]]
    point: tuple[Decimal, Decimal] | None = None  # GeoJSON's (longitude, latitude)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, message, code)
    by_field: dict = field(default_factory=dict)  # field → [(rank, column, text)], the best first


def read_file(name: str, data: bytes) -> tuple[str, list[Record], list[str]]:
    """The file's kind, its records and its column names; ImportRefused when it cannot be read."""
    check_size(len(data))
    if not data.strip():
        raise ImportRefused(_("The file is empty."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if not data.startswith(spreadsheets.XLSX_SIGNATURE):
            text = spreadsheets.decode_text(data)
            if extension in ("geojson", "json") or text.lstrip().startswith(("{", "[")):
                return ("geojson", _geojson_records(text), [])
        table = spreadsheets.read_table(data, name=name)
        return (table.kind, *_table_records(table))
    except spreadsheets.UnreadableFile as error:
        if error.code == "binary":
            raise ImportRefused(
                _(
                    "This is not a CSV, XLSX or GeoJSON file (it looks like %(type)s). Save the "
                    "table as CSV or XLSX, or export the map as GeoJSON."
                )
                % error.params
            ) from error
        raise ImportRefused(str(error)) from error


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportRefused(
            _("The file is too large (%(size)s). The limit is %(limit)s: split it into parts.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)}
        )


def _numbered(rows, first_number: int, *, skip_blank: bool = True):
    """Rows (without blank ones) with the number a spreadsheet shows them under, at most
    MAX_ROWS."""
    count = 0
    for number, cells in enumerate(rows, start=first_number):
        if skip_blank and not any(cells):
            continue  # blank rows are neither read nor reported
        count += 1
        if count > MAX_ROWS:
            raise ImportRefused(
                _("The file has more than %(limit)s rows: split it into several files.")
                % {"limit": number_format(MAX_ROWS, force_grouping=True)}
            )
        yield number, cells


def _table_records(table: spreadsheets.Table) -> tuple[list[Record], list[str]]:
    # Our exports guard formula-looking values with an apostrophe: they come back as they were.
    header = [formula_unguarded(title) for title in table.header]
    rows = ([formula_unguarded(cell) for cell in cells] for cells in table.rows)
    records = [
        Record(number, list(zip(header, cells, strict=False)))
        for number, cells in _numbered(rows, first_number=2)
    ]
    return records, header


def _geojson_records(text: str) -> list[Record]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # RecursionError: arrays nested thousands deep
        line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
        raise ImportRefused(
            _(
                "The file is not valid GeoJSON: the JSON breaks at line %(line)s, column "
                "%(column)s. Export it again, or check it in a GeoJSON viewer."
            )
            % {"line": line, "column": column}
        ) from error
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        features = None
    if not isinstance(features, list):
        raise ImportRefused(
            _(
                "The file is JSON but not a GeoJSON FeatureCollection: it must have "
                '"type": "FeatureCollection" and the places in "features".'
            )
        )
    if not features:
        raise ImportRefused(_("The file has no features: there are no places in it."))
    return [
        _feature_record(number, feature)
        for number, feature in _numbered(features, 1, skip_blank=False)
    ]


def _feature_record(number: int, feature) -> Record:
    record = Record(number, [])
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        message = _("Feature %(number)s is not a GeoJSON Feature.") % {"number": number}
        record.problems.append(("", message, "not_a_feature"))
        return record
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        message = _('Feature %(number)s: its "properties" must be an object.') % {"number": number}
        record.problems.append(("properties", message, "bad_properties"))
        properties = {}
    record.cells = [(str(key), _property_text(value)) for key, value in properties.items()]
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind != "Point":
        message = _(
            "Feature %(number)s has no Point geometry (it has %(type)s): only points can be "
            "imported; turn areas and lines into points first."
        ) % {"number": number, "type": kind if isinstance(kind, str) else _("none")}
        record.problems.append(("geometry", message, "not_a_point"))
        return record
    coordinates = geometry.get("coordinates")
    # RFC 7946 §3.1.1: [longitude, latitude], and an optional altitude, which we do not keep.
    if (
        isinstance(coordinates, list)
        and len(coordinates) in (2, 3)
        and all(_is_number(value) for value in coordinates)
    ):
        record.point = (Decimal(str(coordinates[0])), Decimal(str(coordinates[1])))
    else:
        message = _(
            "Feature %(number)s: the point's coordinates must be two numbers, "
            "[longitude, latitude]."
        ) % {"number": number}
        record.problems.append(("geometry", message, "bad_coordinates"))
    return record


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _property_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_property_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return formula_unguarded(cell_text(value))
