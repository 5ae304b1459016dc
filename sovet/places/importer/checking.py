"""Checking a file's records: each becomes an unsaved place and its problems (errors, which
stop the import, and warnings, which the user reads and accepts), every lookup read once per
file; then the possible duplicates (duplicates.py)."""

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sovet.core.models import Region
from sovet.core.spreadsheets import choice_lookup, normalized, region_lookup
from sovet.memory.models import WarParticipant
from sovet.organizations.models import Organization

from .. import services
from ..models import MemorialPlace, PlaceKind, PlaceStatus
from .columns import column_aliases, column_title
from .duplicates import warn_of_duplicates
from .reading import Record, read_file
from .report import ImportRefused, ImportReport, Problem, Row

MICRODEGREE = Decimal("0.000001")  # the model keeps six decimals, about 10 cm
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
    warn_of_duplicates(rows, problems, features=file_kind == "geojson")
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


class _Checker:
    """Turns records into unsaved places and problems; every lookup is read once per file."""

    def __init__(self, records, *, may_publish, publish, default_kind, default_region):
        self.may_publish = may_publish
        self.default_status = (
            PlaceStatus.PUBLISHED if may_publish and publish else PlaceStatus.DRAFT
        )
        self.default_kind = default_kind
        self.default_region = default_region
        self.aliases = column_aliases()
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

    def _by_field(self, record: Record) -> dict[str, list[tuple[int, str, str]]]:
        """field → [(rank, column, text)] of the record's non-empty cells, the best first."""
        found = defaultdict(list)
        for column, text in record.cells:
            known = self.aliases.get(normalized(column))
            if known and text:
                found[known[0]].append((known[1], column, text))
        for cells in found.values():
            cells.sort()
        return found

    def check(self, record: Record) -> tuple[Row, list[Problem]]:
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
