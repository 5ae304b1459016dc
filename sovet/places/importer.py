"""Importing memorial places from CSV, XLSX or GeoJSON: every row is checked first, and the places
are saved only when no row has an error, all in one transaction, so nothing is ever half imported.

Spreadsheets name their columns in the first row, in Russian, Kyrgyz or English (as
memory/importer.py reads them); GeoJSON features carry the same names as properties, or
OpenStreetMap's tags (name, name:ru, memorial=*, historic=*). Our own export (export.py) comes
back in as it went out. A problem is an error, which stops the import, or a warning (a possible
duplicate, a place without coordinates), which the user reads and accepts.
"""

import json
import math
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from sovet.core import spreadsheets
from sovet.core.models import Region
from sovet.core.spreadsheets import (
    cell_text,
    choice_lookup,
    formula_unguarded,
    normalized,
    region_lookup,
)
from sovet.core.text import fold_name
from sovet.memory.models import WarParticipant
from sovet.organizations.models import Organization

from . import services
from .models import MemorialPlace, PlaceKind, PlaceStatus

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MICRODEGREE = Decimal("0.000001")  # the model keeps six decimals, about 10 cm

# The fields a file may fill, in the order of the template; each with the column names people
# write (compared by core.spreadsheets.normalized). The field's own name and its model label in every
# language are accepted too. Earlier names win when a file has two columns for one field.
COLUMNS = {
    "kind": ["вид", "тип", "вид объекта", "тип объекта", "вид памятника", "type",
             "memorial", "tomb", "historic", "tourism"],
    "name_ru": ["название", "наименование", "название (рус)", "название на русском",
                "name:ru", "name (russian)", "name"],
    "name_ky": ["название (кырг)", "название на кыргызском", "name:ky", "name (kyrgyz)"],
    "name_en": ["название (англ)", "название на английском", "name:en", "name (english)"],
    "address": ["адрес", "местонахождение", "местоположение", "расположение", "addr:full"],
    "region": ["регион", "область", "addr:region", "addr:state", "is_in:state"],
    "latitude": ["широта", "lat"],
    "longitude": ["долгота", "lon", "lng", "long"],
    "coordinates": ["координаты", "coordinates", "coords"],
    "description": ["описание"],
    "history": ["история", "историческая справка"],
    "year_erected": ["год установки", "год открытия", "год сооружения", "год постройки",
                     "year", "start_date"],
    "architect": ["архитектор", "автор", "автор проекта"],
    "unnamed_count": ["число неизвестных", "неизвестных", "безымянных", "unnamed", "unknown names"],
    "caretaker": ["шефствующая организация", "организация", "шефство", "caretaker organization"],
    "participants": ["номера карточек", "карточки", "участники", "card numbers", "cards"],
    "status": ["статус"],
}  # fmt: skip
# Titles of the columns that are not a model field of their own (the template, the report).
TITLES = {
    "coordinates": gettext_lazy("coordinates (latitude, longitude)"),
    "participants": gettext_lazy("memory card numbers"),
}
TEMPLATE_COLUMNS = [name for name in COLUMNS if name != "coordinates"]
TEXT_FIELDS = ["name_ru", "name_ky", "name_en", "address", "description", "history", "architect"]

# OpenStreetMap's values (memorial=*, historic=*, tomb=*, tourism=*) and words people write.
KIND_WORDS = {
    "war_memorial": PlaceKind.WAR_MEMORIAL, "мемориал": PlaceKind.WAR_MEMORIAL,
    "tomb": PlaceKind.GRAVE, "war_grave": PlaceKind.MASS_GRAVE, "памятная доска": PlaceKind.PLAQUE,
    "blue_plaque": PlaceKind.PLAQUE, "доска": PlaceKind.PLAQUE, "sculpture": PlaceKind.STATUE,
    "скульптура": PlaceKind.STATUE, "камень": PlaceKind.STONE, "memorial": PlaceKind.OTHER,
    "monument": PlaceKind.OTHER,
}  # fmt: skip
STATUS_WORDS = {"опубликовано": PlaceStatus.PUBLISHED, "опубликован": PlaceStatus.PUBLISHED}


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


@dataclass
class _Record:
    """One row or feature as read: (column or property name, text) pairs, before any check."""

    number: int
    cells: list[tuple[str, str]]
    point: tuple[Decimal, Decimal] | None = None  # GeoJSON's (longitude, latitude)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, message, code)
    by_field: dict = field(default_factory=dict)  # field → [(rank, column, text)], the best first


# -- Reading the file ---------------------------------------------------------------------------


def read_file(name: str, data: bytes) -> tuple[str, list[_Record], list[str]]:
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


def _table_records(table: spreadsheets.Table) -> tuple[list[_Record], list[str]]:
    # Our exports guard formula-looking values with an apostrophe: they come back as they were.
    header = [formula_unguarded(title) for title in table.header]
    rows = ([formula_unguarded(cell) for cell in cells] for cells in table.rows)
    records = [
        _Record(number, list(zip(header, cells, strict=False)))
        for number, cells in _numbered(rows, first_number=2)
    ]
    return records, header


def _geojson_records(text: str) -> list[_Record]:
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


def _feature_record(number: int, feature) -> _Record:
    record = _Record(number, [])
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


# -- Reading the values -------------------------------------------------------------------------


def _aliases() -> dict[str, tuple[str, int]]:
    """Every accepted column name, normalised → (field, rank: lower wins)."""
    found = {}
    for name, words in COLUMNS.items():
        titles = [name, *words]
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                titles.append(column_title(name))
        for rank, title in enumerate(titles):
            found.setdefault(normalized(title), (name, rank))
    return found


def column_title(name: str) -> str:
    """A column's title in the active language: the template's header and the report's."""
    title = TITLES[name] if name in TITLES else MemorialPlace._meta.get_field(name).verbose_name
    return str(capfirst(title))


def column_names() -> dict[str, list[str]]:
    """The column names each field accepts (its title, code and other names): shown on the form."""
    return {name: [column_title(name), name, *COLUMNS[name]] for name in TEMPLATE_COLUMNS}


class _Checker:
    """Turns records into unsaved places and problems; every lookup is read once per file."""

    def __init__(self, records, *, may_publish, publish, default_kind, default_region):
        self.may_publish = may_publish
        self.default_status = (
            PlaceStatus.PUBLISHED if may_publish and publish else PlaceStatus.DRAFT
        )
        self.default_kind = default_kind
        self.default_region = default_region
        self.aliases = _aliases()
        self.kinds = {**choice_lookup(PlaceKind), **KIND_WORDS}
        self.statuses = {**choice_lookup(PlaceStatus), **STATUS_WORDS}
        self.regions = region_lookup()
        self.organizations = self._organizations()
        self.this_year = timezone.localdate().year
        self.fields = {f.name: f for f in MemorialPlace._meta.concrete_fields}
        numbers = set()
        for record in records:
            record.by_field = self._by_field(record)
            if cells := record.by_field.get("participants"):
                numbers.update(int(part) for part in _card_parts(cells[0][2]) if part.isdigit())
        self.cards = self._existing_cards(numbers)

    @staticmethod
    def _organizations() -> dict[str, int | None]:
        """Organizations by any of their names; None for a name two of them share."""
        found = {}
        for pk, *names in Organization.objects.values_list("pk", "name_ru", "name_ky", "name_en"):
            for name in {normalized(name) for name in names if name}:
                found[name] = pk if found.get(name, pk) == pk else None
        return found

    @staticmethod
    def _existing_cards(numbers: set[int]) -> set[int]:
        found, numbers = set(), sorted(numbers)
        for start in range(0, len(numbers), 5000):  # SQLite's limit on parameters
            chunk = numbers[start : start + 5000]
            found.update(WarParticipant.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        return found

    def _by_field(self, record: _Record) -> dict[str, list[tuple[int, str, str]]]:
        """field → [(rank, column, text)] of the record's non-empty cells, the best first."""
        found = defaultdict(list)
        for column, text in record.cells:
            known = self.aliases.get(normalized(column))
            if known and text:
                found[known[0]].append((known[1], column, text))
        for cells in found.values():
            cells.sort()
        return found

    def check(self, record: _Record) -> tuple[Row, list[Problem]]:
        problems = [
            Problem(record.number, column, message, True, code)
            for column, message, code in record.problems
        ]
        if any(code == "not_a_feature" for _column, _message, code in record.problems):
            return Row(record.number, MemorialPlace(), []), problems  # nothing else to read
        # field → (column, text) of its best cell
        values = {name: cells[0][1:] for name, cells in record.by_field.items()}

        def fail(name, message, code, *, error=True, column=None):
            if column is None:
                column = values[name][0] if name in values else column_title(name)
            problems.append(Problem(record.number, column, message, error, code))

        def text(name: str) -> str:
            return values.get(name, ("", ""))[1]

        place = MemorialPlace(status=self.default_status)
        for name in TEXT_FIELDS:
            value = " ".join(text(name).split()) if name.startswith("name") else text(name)
            setattr(place, name, value)
            if value:
                try:
                    self.fields[name].run_validators(value)
                except ValidationError as error:
                    fail(name, " ".join(error.messages), "too_long")
        if not place.name_ru:
            fail("name_ru", _("The name in Russian is missing."), "required")
        place.kind = self._kind(record.by_field.get("kind", []), fail)
        place.region = self._region(text("region"), fail)
        place.caretaker_id = self._caretaker(text("caretaker"), fail)
        for name in ("year_erected", "unnamed_count"):
            setattr(place, name, self._whole_number(name, text(name), fail))
        self._status(place, text("status"), fail)
        if not any(column == "geometry" for column, _message, _code in record.problems):
            self._location(place, record.point, values, fail)
        participants = self._participants(text("participants"), fail)
        name_column = values["name_ru"][0] if "name_ru" in values else column_title("name_ru")
        return Row(record.number, place, participants, name_column), problems

    def _kind(self, cells, fail) -> str:
        # OpenStreetMap: memorial=obelisk says more than historic=memorial; the first known wins.
        for _rank, _column, text in cells:
            if kind := self.kinds.get(normalized(text)):
                return kind
        if cells:
            kinds = ", ".join(f"«{label}»" for label in PlaceKind.labels)
            fail("kind", _("Unknown kind: use one of %(kinds)s.") % {"kinds": kinds}, "unknown")
        elif self.default_kind:
            return self.default_kind
        else:
            fail("kind", _("The kind of place is missing."), "required")
        return ""

    def _region(self, text: str, fail) -> Region | None:
        if not text:
            if self.default_region is None:
                fail("region", _("The region is missing."), "required")
            return self.default_region
        region = self.regions.get(normalized(text))
        if region is None:
            fail(
                "region",
                _("Unknown region: write its name (e.g. «Чуйская область») or its code (chui)."),
                "unknown",
            )
        return region

    def _caretaker(self, text: str, fail) -> int | None:
        if not text:
            return None
        key = normalized(text)
        if key not in self.organizations:
            message = _(
                "There is no organization named “%(name)s”: write its name as the directory does."
            )
            fail("caretaker", message % {"name": text}, "unknown")
        elif self.organizations[key] is None:
            message = _("Several organizations are named “%(name)s”: write the full Russian name.")
            fail("caretaker", message % {"name": text}, "ambiguous")
        return self.organizations.get(key)

    def _whole_number(self, name: str, text: str, fail) -> int | None:
        if not text:
            return None
        if name == "year_erected":
            # OpenStreetMap's start_date may be a whole date: 1975-05-09.
            text = re.sub(r"^(\d{4})-\d\d(-\d\d)?$", r"\1", text)
        if not re.fullmatch(r"\d{1,9}", text):
            fail(name, _("“%(value)s” is not a whole number.") % {"value": text}, "not_a_number")
            return None
        value = int(text)
        if name == "year_erected" and not 1000 <= value <= self.this_year:
            message = _("The year must be between 1000 and %(year)s.") % {"year": self.this_year}
            fail(name, message, "bad_year")
            return None
        return value

    def _status(self, place: MemorialPlace, text: str, fail) -> None:
        if not text:
            return
        status = self.statuses.get(normalized(text))
        if status is None:
            labels = ", ".join(f"«{label}»" for label in PlaceStatus.labels)
            fail("status", _("Unknown status: use %(labels)s.") % {"labels": labels}, "unknown")
        elif status == PlaceStatus.PUBLISHED and not self.may_publish:
            message = _("You may not publish places: this one will be saved as a draft.")
            fail("status", message, "may_not_publish", error=False)
        else:
            place.status = status

    def _location(self, place: MemorialPlace, point, values, fail) -> None:
        column = None
        if point is not None:
            place.longitude, place.latitude = (_round(value) for value in point)
            column = "geometry"
        else:
            latitude, longitude = values.get("latitude"), values.get("longitude")
            if latitude is None and longitude is None and "coordinates" in values:
                column = values["coordinates"][0]
                latitude, longitude = _pair(values["coordinates"], fail)
                if latitude is None:
                    return  # told by _pair
            place.latitude = _degrees("latitude", latitude, fail)
            place.longitude = _degrees("longitude", longitude, fail)
            if (latitude and place.latitude is None) or (longitude and place.longitude is None):
                return  # a number could not be read: told by _degrees
        try:
            services.check_location(place.latitude, place.longitude)
        except ValidationError as error:
            message = " ".join(error.messages)
            if error.code == "swapped":
                if column == "geometry":
                    fix = _("In GeoJSON the longitude comes first: [%(longitude)s, %(latitude)s].")
                else:
                    fix = _("Swap them: latitude %(latitude)s, longitude %(longitude)s.")
                message += " " + fix % {"latitude": place.longitude, "longitude": place.latitude}
            fail("latitude", message, error.code, column=column)
            return
        if place.latitude is None:
            message = _("No coordinates: the place will not be on the map until they are added.")
            fail("latitude", message, "no_location", error=False)

    def _participants(self, text: str, fail) -> list[int]:
        parts = _card_parts(text)
        bad = [part for part in parts if not part.isdigit()]
        if bad:
            message = _("Card numbers are digits only: %(bad)s.") % {"bad": ", ".join(bad)}
            fail("participants", message, "not_a_number")
        numbers = list(dict.fromkeys(int(part) for part in parts if part.isdigit()))
        unknown = [str(number) for number in numbers if number not in self.cards]
        if unknown:
            message = _("There are no memory cards with the numbers %(numbers)s.") % {
                "numbers": ", ".join(unknown)
            }
            fail("participants", message, "unknown")
        return [number for number in numbers if number in self.cards]


def _card_parts(text: str) -> list[str]:
    return [part.lstrip("№#") for part in re.split(r"[\s,;]+", text) if part.lstrip("№#")]


def _round(value: Decimal) -> Decimal:
    return value.quantize(MICRODEGREE, rounding=ROUND_HALF_UP)


def _degrees(name: str, cell: tuple[str, str] | None, fail) -> Decimal | None:
    """Decimal degrees as people type them: «42,8746», « 74.5698° »."""
    if not cell or not cell[1]:
        return None
    text = cell[1].replace("\u00a0", "").replace(" ", "").rstrip("°")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
        return _round(value)
    except InvalidOperation:
        message = _("“%(value)s” is not a number of degrees: write it like 42.874621.")
        fail(name, message % {"value": cell[1]}, "not_a_number", column=cell[0])
        return None


def _pair(cell: tuple[str, str], fail) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """«42.8746, 74.5698» as a map application copies it: the latitude first."""
    column, text = cell
    numbers = re.findall(r"-?\d+(?:[.,]\d+)?", text)
    if len(numbers) != 2:
        message = _(
            "Write the coordinates as two numbers, the latitude first: 42.874621, 74.569762."
        )
        fail("coordinates", message, "not_a_number", column=column)
        return None, None
    return (column, numbers[0]), (column, numbers[1])


# -- Possible duplicates ------------------------------------------------------------------------

CELL = 0.001  # degrees: ≥ 80 m in Kyrgyzstan, so a place's neighbours are in the 3 × 3 cells


def _cell(latitude, longitude) -> tuple[int, int]:
    return math.floor(float(latitude) / CELL), math.floor(float(longitude) / CELL)


def _neighbours(grid: dict, latitude, longitude):
    row, column = _cell(latitude, longitude)
    for d_row in (-1, 0, 1):
        for d_column in (-1, 0, 1):
            yield from grid.get((row + d_row, column + d_column), ())


def _same_place(a: tuple, b: tuple) -> bool:
    """services.possible_duplicates's rule, on (latitude, longitude, folded name) tuples."""
    return (
        services.distance_metres(a[0], a[1], b[0], b[1]) <= services.DUPLICATE_METRES
        and SequenceMatcher(None, a[2], b[2]).ratio() >= services.SIMILAR_NAMES
    )


def _duplicates(rows: list[Row], problems: list[Problem], *, features: bool) -> None:
    """Warn of places within DUPLICATE_METRES with a similar name, in the database (with a link
    to it) and earlier in the file. One query, whatever the number of rows."""
    located = [
        row
        for row in rows
        if row.place.latitude is not None and row.place.longitude is not None and row.place.name_ru
    ]
    if not located:
        return
    margin = Decimal("0.001")
    existing = MemorialPlace.objects.filter(
        latitude__range=(
            min(row.place.latitude for row in located) - margin,
            max(row.place.latitude for row in located) + margin,
        ),
        longitude__range=(
            min(row.place.longitude for row in located) - margin,
            max(row.place.longitude for row in located) + margin,
        ),
    ).values_list("pk", "name_ru", "latitude", "longitude")
    stored = defaultdict(list)
    for pk, name, latitude, longitude in existing:
        stored[_cell(latitude, longitude)].append((latitude, longitude, fold_name(name), pk, name))
    earlier = defaultdict(list)
    for row in located:
        place = row.place
        this = (
            place.latitude,
            place.longitude,
            fold_name(place.name_ru),
            row.number,
            place.name_ru,
        )
        column = row.name_column
        for other in _neighbours(stored, place.latitude, place.longitude):
            if _same_place(this, other):
                message = _(
                    "There is a place with a similar name within %(metres)s m: “%(name)s”. "
                    "Check that this is not the same place."
                ) % {"metres": services.DUPLICATE_METRES, "name": other[4]}
                problems.append(
                    Problem(
                        row.number, column, message, False, "duplicate",
                        link=reverse("places_place:edit", args=[other[3]]), link_text=other[4],
                    )
                )  # fmt: skip
                row.has_warning = True
        for other in _neighbours(earlier, place.latitude, place.longitude):
            if _same_place(this, other):
                if features:
                    message = _(
                        "Feature %(row)s of this file has a similar name within %(metres)s m "
                        "(“%(name)s”): check that it is not the same place."
                    )
                else:
                    message = _(
                        "Row %(row)s of this file has a similar name within %(metres)s m "
                        "(“%(name)s”): check that it is not the same place."
                    )
                values = {"row": other[3], "metres": services.DUPLICATE_METRES, "name": other[4]}
                message %= values
                problems.append(Problem(row.number, column, message, False, "duplicate_in_file"))
                row.has_warning = True
                break
        earlier[_cell(place.latitude, place.longitude)].append(this)


# -- The import ---------------------------------------------------------------------------------


def check_file(
    name: str,
    data: bytes,
    *,
    may_publish: bool,
    publish: bool = False,
    default_kind: str = "",
    default_region: Region | None = None,
) -> ImportReport:
    """Read and check every row; nothing is saved. ImportRefused when the file cannot be read.

    ``publish`` makes the places published (if ``may_publish``; a row's status column says
    otherwise); ``default_kind`` and ``default_region`` fill rows that do not say (OpenStreetMap
    data has no regions)."""
    file_kind, records, header = read_file(name, data)
    if not records:
        raise ImportRefused(_("The file has no places: only the row with the column names."))
    checker = _Checker(
        records,
        may_publish=may_publish,
        publish=publish,
        default_kind=default_kind,
        default_region=default_region,
    )
    # A GeoJSON feature names its own properties; a table's columns are named once, in row 1.
    columns = header or list(dict.fromkeys(c for record in records for c, _text in record.cells))
    if header:
        _check_columns(header, checker.aliases, default_kind, default_region)
    rows, problems = [], []
    for record in records:
        row, found = checker.check(record)
        row.has_error = any(problem.is_error for problem in found)
        row.has_warning = any(not problem.is_error for problem in found)
        rows.append(row)
        problems.extend(found)
    _duplicates(rows, problems, features=file_kind == "geojson")
    problems.sort(key=lambda problem: (problem.row, not problem.is_error))
    unused = [c for c in columns if c.strip() and normalized(c) not in checker.aliases]
    return ImportReport(file_kind, rows, problems, unused)


def _check_columns(header, aliases, default_kind, default_region) -> None:
    """A table without a column every row needs is refused at once, not row by row."""
    present = {aliases[normalized(title)][0] for title in header if normalized(title) in aliases}
    needed = ["name_ru"] + ["kind"] * (not default_kind) + ["region"] * (default_region is None)
    missing = [column_title(name) for name in needed if name not in present]
    if missing:
        raise ImportRefused(
            _(
                "The file has no column for: %(columns)s. Name the columns in the first row as "
                "the template does, or choose a kind and a region for every row."
            )
            % {"columns": ", ".join(f"«{title}»" for title in missing)}
        )


def save_places(report: ImportReport, *, user=None) -> list[MemorialPlace]:
    """Save every place of a report without errors, in one transaction: all or nothing. Each
    place's history starts with its creation by ``user``, the entries of one import sharing a
    uuid, as Wagtail groups the entries of one action."""
    if not report.can_import:
        raise ValidationError(_("The file has errors: nothing was imported."), code="has_errors")
    through = MemorialPlace.participants.through
    links, entries = [], []
    action_uuid, now = uuid.uuid4(), timezone.now()
    content_type = ContentType.objects.get_for_model(MemorialPlace)
    with transaction.atomic():
        for row in report.rows:
            place = services.place_save(row.place)
            links.extend(
                through(memorialplace_id=place.pk, warparticipant_id=number)
                for number in row.participants
            )
            # The entry wagtail.log_actions.log would write; it validates and saves each one
            # alone, which took two thirds of the time of an import.
            entries.append(
                ModelLogEntry(
                    content_type=content_type, object_id=str(place.pk), label=str(place),
                    action="wagtail.create", timestamp=now, user=user, uuid=action_uuid,
                    content_changed=True, data={},
                )
            )  # fmt: skip
        through.objects.bulk_create(links, batch_size=1000)
        ModelLogEntry.objects.bulk_create(entries, batch_size=1000)
    return [row.place for row in report.rows]
