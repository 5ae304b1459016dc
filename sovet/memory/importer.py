"""Importing cards of war participants from a spreadsheet (CSV or XLSX), in resumable batches.

The first row names the columns, in Russian or English (``COLUMNS``); a row becomes a draft
(or published) card, its name keys and, when the archive columns are filled, one source record.
Each row is checked as the model's fields check it; a bad row is skipped and reported in an
errors CSV, the others are imported. Rows are saved in batches of ``BATCH_SIZE``, one transaction
each, with bulk inserts: after each batch a state file records how far the import got, so a
second run with the same file continues where the first one stopped.

Keys and the birth year are computed as ``services.participant_save`` computes them.
"""

import csv
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sovet.core.partial_dates import PartialDate
from sovet.core.spreadsheets import (
    UnreadableFile,
    choice_lookup,
    file_sha256,
    no_formula,
    normalized,
    read_table,
    region_lookup,
)

from .models import (
    CardStatus,
    Category,
    Fate,
    NameKey,
    SourceKind,
    SourceRecord,
    StateDatabase,
    WarParticipant,
)
from .names.keys import index_keys

BATCH_SIZE = 1000

# Column names people write, normalised by `core.spreadsheets.normalized`, for each field they fill.
COLUMNS = {
    "surname": ["фамилия", "surname", "last name", "family name"],
    "given_name": ["имя", "given name", "first name", "name"],
    "patronymic": ["отчество", "patronymic", "middle name", "father's name"],
    "name_variants": ["другие написания", "варианты написания", "варианты", "variants",
                      "other spellings", "name variants"],
    "birth_date": ["дата рождения", "год рождения", "birth date", "date of birth", "birth year",
                   "year of birth", "born"],
    "birth_place": ["место рождения", "birth place", "place of birth"],
    "conscription_date": ["дата призыва", "conscription date", "date of conscription"],
    "conscription_place": ["место призыва", "рвк", "военкомат", "кем призван",
                           "conscription place", "place of conscription", "conscripted by"],
    "rank": ["звание", "воинское звание", "rank"],
    "units": ["часть", "воинская часть", "части", "units", "unit"],
    "fronts": ["фронт", "фронты", "fronts", "front"],
    "awards": ["награды", "награда", "awards"],
    "fate": ["судьба", "fate"],
    "death_date": ["дата гибели/смерти", "дата гибели", "дата смерти", "death date",
                   "date of death"],
    "death_place": ["место гибели/смерти", "место гибели", "место смерти", "death place",
                    "place of death"],
    "burial_place": ["место захоронения", "burial place", "place of burial"],
    "next_of_kin": ["родственники", "next of kin", "relatives"],
    "category": ["категория", "category"],
    "biography": ["биография", "biography"],
    "region": ["регион", "область", "region"],
    "consent_to_publish": ["согласие", "согласие на публикацию", "consent",
                           "consent to publish"],
    # The source record
    "archive": ["архив", "archive"],
    "fond": ["фонд", "fond"],
    "opis": ["опись", "opis", "inventory"],
    "delo": ["дело", "delo", "file"],
    "list": ["лист", "list", "sheet"],
    "database": ["база", "база данных", "database", "state database"],
    "database_id": ["номер в базе", "номер записи", "database id", "record number"],
    "kind": ["тип источника", "вид источника", "source kind", "source type"],
}  # fmt: skip
SOURCE_FIELDS = ["kind", "archive", "fond", "opis", "delo", "list", "database", "database_id"]
DATE_FIELDS = ["birth_date", "conscription_date", "death_date"]
NAME_FIELDS = ["surname", "given_name", "patronymic"]
TEXT_FIELDS = [
    "birth_place", "conscription_place", "rank", "units", "fronts", "awards", "death_place",
    "burial_place", "next_of_kin", "biography",
]  # fmt: skip

# Fates as archives and families write them; the start of the text is enough («погиб 12.03.1943»).
FATE_WORDS = [
    ("умер от ран", Fate.DIED_OF_WOUNDS), ("умерла от ран", Fate.DIED_OF_WOUNDS),
    ("умер в госпитале", Fate.DIED_OF_WOUNDS), ("died of wounds", Fate.DIED_OF_WOUNDS),
    ("умер после войны", Fate.DIED_AFTER_WAR), ("умерла после войны", Fate.DIED_AFTER_WAR),
    ("died after the war", Fate.DIED_AFTER_WAR), ("died after war", Fate.DIED_AFTER_WAR),
    ("пропал", Fate.MISSING), ("пропала", Fate.MISSING), ("без вести", Fate.MISSING),
    ("missing", Fate.MISSING),
    ("погиб", Fate.KILLED), ("убит", Fate.KILLED), ("пал ", Fate.KILLED), ("killed", Fate.KILLED),
    ("в плену", Fate.PRISONER), ("плен", Fate.PRISONER), ("попал в плен", Fate.PRISONER),
    ("prisoner", Fate.PRISONER), ("pow", Fate.PRISONER),
    ("вернулся", Fate.RETURNED), ("вернулась", Fate.RETURNED), ("демобилизован", Fate.RETURNED),
    ("returned", Fate.RETURNED), ("survived", Fate.RETURNED),
    ("неизвестно", Fate.UNKNOWN), ("нет данных", Fate.UNKNOWN), ("unknown", Fate.UNKNOWN),
]  # fmt: skip
CATEGORY_WORDS = {
    "фронтовик": Category.FRONT_LINE, "участник войны": Category.FRONT_LINE,
    "участник вов": Category.FRONT_LINE, "участник боевых действий": Category.FRONT_LINE,
    "труженик тыла": Category.HOME_FRONT, "труженица тыла": Category.HOME_FRONT,
    "тыл": Category.HOME_FRONT, "блокадник": Category.LENINGRAD_SIEGE,
    "блокадница": Category.LENINGRAD_SIEGE,
    "житель блокадного ленинграда": Category.LENINGRAD_SIEGE,
    "дети войны": Category.CHILD_OF_WAR, "ребенок войны": Category.CHILD_OF_WAR,
    "дитя войны": Category.CHILD_OF_WAR, "партизан": Category.PARTISAN,
    "партизанка": Category.PARTISAN, "подпольщик": Category.PARTISAN,
}  # fmt: skip
DATABASE_WORDS = {
    "обд мемориал": StateDatabase.OBD_MEMORIAL,
    "мемориал": StateDatabase.OBD_MEMORIAL,
}
YES = {"да", "yes", "y", "true", "1", "+", "есть", "ооба"}
NO = {"нет", "no", "n", "false", "0", "-", "жок"}


class ImportRefused(Exception):
    """The file cannot be imported at all; the message says why and what to do."""


def _refused_when_unreadable(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows; a workbook that breaks half way through stops the import with its reason."""
    try:
        yield from rows
    except UnreadableFile as error:
        raise ImportRefused(str(error)) from error


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportResult:
    rows_read: int = 0
    imported: int = 0
    skipped: int = 0
    seconds: float = 0.0


@dataclass
class _Card:
    """One checked row, ready to be saved."""

    row: int
    card: WarParticipant
    source: SourceRecord | None
    keys: set[str]


# -- Reading the values -------------------------------------------------------------------------


class _RowReader:
    """Turns one row of cells into a checked card, or into the list of what is wrong with it."""

    def __init__(self, header: list[str], status: str):
        self.status = status
        self.columns: dict[str, int] = {}  # field → position
        self.titles: dict[str, str] = {}  # field → the column's name as written in the file
        self.unknown: list[str] = []
        aliases = {normalized(alias): name for name, words in COLUMNS.items() for alias in words}
        for position, title in enumerate(header):
            name = aliases.get(normalized(title))
            if name is None:
                if title.strip():
                    self.unknown.append(title.strip())
            elif name in self.columns:
                self.unknown.append(title.strip())  # a second column for one field
            else:
                self.columns[name] = position
                self.titles[name] = title.strip()
        if "surname" not in self.columns:
            raise ImportRefused(
                _(
                    "The file has no surname column: name the column with surnames "
                    "«Фамилия» or «Surname» in the first row."
                )
            )
        self.fates = choice_lookup(Fate)
        self.categories = {**choice_lookup(Category), **CATEGORY_WORDS}
        self.kinds = choice_lookup(SourceKind)
        self.databases = {**choice_lookup(StateDatabase), **DATABASE_WORDS}
        self.regions = region_lookup()
        self.today = timezone.localdate()
        self.has_source = any(name in self.columns for name in SOURCE_FIELDS)
        self._fields = {f.name: f for f in WarParticipant._meta.get_fields() if f.concrete}
        self._source_fields = {f.name: f for f in SourceRecord._meta.get_fields() if f.concrete}

    def read(self, number: int, cells: list[str]) -> _Card | list[RowError]:
        errors: list[RowError] = []
        values = {
            name: cells[position] if position < len(cells) else ""
            for name, position in self.columns.items()
        }

        def fail(name: str, message) -> None:
            errors.append(
                RowError(number, self.titles.get(name, ""), values.get(name, ""), str(message))
            )

        data = {"status": self.status}
        surname = " ".join(values["surname"].split())
        if not surname:
            fail("surname", _("The surname is empty."))
        elif not any(char.isalpha() for char in surname):
            fail("surname", _("The surname has no letters."))
        for name in NAME_FIELDS:
            data[name] = text = " ".join(values.get(name, "").split())
            self._check_length(self._fields, name, text, fail)
        variants = [
            " ".join(v.split()) for v in re.split(r"[;\n|]", values.get("name_variants", ""))
        ]
        variants = [variant for variant in variants if variant]
        data["name_variants"] = "\n".join(variants)
        for name in TEXT_FIELDS:
            data[name] = text = values.get(name, "")
            self._check_length(self._fields, name, text, fail)
        for name in DATE_FIELDS:
            data[name] = self._date(name, values.get(name, ""), fail)
        birth, death = data["birth_date"], data["death_date"]
        if birth and death and death.latest() < birth.earliest():
            fail("death_date", _("The date of death is before the date of birth."))
        # As services.participant_save keeps it.
        data["birth_year"] = birth.earliest().year if birth else None
        data["fate"] = self._choice("fate", values.get("fate", ""), self.fates, Fate.UNKNOWN, fail)
        data["category"] = self._choice(
            "category", values.get("category", ""), self.categories, Category.FRONT_LINE, fail
        )
        if region := values.get("region", ""):
            data["region"] = self.regions.get(normalized(region))
            if data["region"] is None:
                fail("region", _("Unknown region: use its code (e.g. chui) or its Russian name."))
        consent = normalized(values.get("consent_to_publish", ""))
        if consent and consent not in YES | NO:
            fail("consent_to_publish", _("Write «да» or «нет» (yes or no)."))
        data["consent_to_publish"] = consent in YES
        source = self._source(values, fail) if self.has_source else None
        if errors:
            return errors
        card = WarParticipant(**data)
        try:
            card.clean()  # the model's own rule: who may be alive needs consent
        except ValidationError as error:
            for message in error.messages:
                fail("category", message)
            return errors
        keys = index_keys(card.surname, card.given_name, card.patronymic, variants)
        return _Card(number, card, source, keys)

    def _check_length(self, fields, name: str, value: str, fail) -> None:
        if value:
            try:
                fields[name].run_validators(value)
            except ValidationError as error:
                for message in error.messages:
                    fail(name, message)

    def _date(self, name: str, text: str, fail) -> PartialDate | None:
        if not text:
            return None
        model_field = self._fields[name]
        try:
            value = model_field.to_python(text)
        except ValidationError as error:
            try:  # what people type: «09.05.1943», «около 1943», «1941–1945»
                value = PartialDate.from_human(text)
            except ValueError:
                fail(name, error.messages[0])
                return None
        if value.earliest() > self.today:
            fail(name, _("The date is in the future."))
            return None
        return value

    def _choice(self, name: str, text: str, known: dict[str, str], default: str, fail) -> str:
        if not text:
            return default
        normal = normalized(text)
        if normal in known:
            return known[normal]
        if name == "fate":
            for start, fate in FATE_WORDS:
                if normal.startswith(start):
                    return fate
        fail(name, _("Unknown value: use one of %(values)s.") % {"values": self._listed(name)})
        return default

    @staticmethod
    def _listed(name: str) -> str:
        choices = Fate if name == "fate" else Category
        return ", ".join(f"«{label}»" for label in choices.labels)

    def _source(self, values: dict[str, str], fail) -> SourceRecord | None:
        texts = {name: values.get(name, "") for name in SOURCE_FIELDS}
        if not any(texts.values()):
            return None
        source = SourceRecord(kind=SourceKind.OTHER)
        for name in ("archive", "fond", "opis", "delo", "list", "database_id"):
            setattr(source, name, texts[name])
            self._check_length(self._source_fields, name, texts[name], fail)
        if texts["kind"]:
            source.kind = self.kinds.get(normalized(texts["kind"]), "")
            if not source.kind:
                kinds = ", ".join(f"«{label}»" for label in SourceKind.labels)
                fail(
                    "kind", _("Unknown kind of source: use one of %(values)s.") % {"values": kinds}
                )
        if texts["database"]:
            source.database = self.databases.get(normalized(texts["database"]), "")
            if not source.database:
                databases = ", ".join(f"«{label}»" for label in StateDatabase.labels)
                fail(
                    "database",
                    _("Unknown state database: use one of %(values)s.") % {"values": databases},
                )
            elif not source.database_id:
                fail("database_id", _("Give the record's number in the state database."))
        return source


# -- The import ---------------------------------------------------------------------------------


def _save(cards: list[_Card]) -> None:
    """Bulk insert checked rows: cards first (their keys come back), then keys and sources."""
    for item in cards:  # a retry after a failed batch must not reuse keys from the failure
        item.card.pk = None
        item.card._state.adding = True
    WarParticipant.objects.bulk_create([item.card for item in cards], batch_size=500)
    _insert_name_keys([(item.card.pk, key) for item in cards for key in item.keys])
    sources = []
    for item in cards:
        if item.source is not None:
            item.source.pk = None
            item.source.participant_id = item.card.pk
            sources.append(item.source)
    SourceRecord.objects.bulk_create(sources, batch_size=1000)


def _insert_name_keys(rows: list[tuple[int, str]]) -> None:
    """Write (card, key) rows to NameKey's table: the rows NameKey.objects.bulk_create would
    write, without a model object each. Cards have about fifteen keys, and building those
    objects took twice as long as the database took to store them."""
    meta = NameKey._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("participant", "key"))
    with connection.cursor() as cursor:
        raw = getattr(cursor, "cursor", None)
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # The names come from the model, quoted; the values are parameters.
            insert = f"INSERT INTO {table} ({columns}) VALUES (%s, %s)"  # noqa: S608
            cursor.executemany(insert, rows)


class ParticipantImport:
    """One import of one file. Creating it reads the header and the state of an earlier run and
    refuses (ImportRefused) a file it cannot import; `run()` imports what is left."""

    def __init__(
        self,
        path: Path,
        *,
        status: str = CardStatus.DRAFT,
        errors_path: Path | None = None,
        state_path: Path | None = None,
        restart: bool = False,
        batch_size: int = BATCH_SIZE,
    ):
        if status not in (CardStatus.DRAFT, CardStatus.PUBLISHED):
            raise ImportRefused(_("An imported card is either a draft or published."))
        self.path = Path(path)
        self.errors_path = Path(errors_path or f"{self.path}.errors.csv")
        self.state_path = Path(state_path or f"{self.path}.import-state.json")
        self.batch_size = batch_size
        try:
            table = read_table(self.path, count=True)
        except UnreadableFile as error:
            raise ImportRefused(str(error)) from error
        self.sha256 = file_sha256(self.path)
        self.total, self.encoding = table.total, table.encoding
        self._rows = _refused_when_unreadable(table.rows)
        self.reader = _RowReader(table.header, status)
        self.unknown_columns = self.reader.unknown
        self.state = {} if restart else self._read_state()
        if self.state and self.state.get("sha256") != self.sha256:
            raise ImportRefused(
                _(
                    "The file has changed since the import recorded in %(state)s began, so it "
                    "cannot continue. Run the command again with --restart to import this file "
                    "from its first row."
                )
                % {"state": self.state_path}
            )
        self.finished = self.state.get("status") == "finished"
        self.resume_from = 0 if self.finished else int(self.state.get("rows_done", 0))

    def _read_state(self) -> dict:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise ImportRefused(
                _("The state file %(state)s cannot be read; run again with --restart.")
                % {"state": self.state_path}
            ) from error
        return state if isinstance(state, dict) else {}

    def _write_state(self, rows_done: int, result: ImportResult, finished: bool) -> None:
        state = {
            "file": str(self.path),
            "sha256": self.sha256,
            "rows_done": rows_done,
            "imported": self.state.get("imported", 0) + result.imported,
            "skipped": self.state.get("skipped", 0) + result.skipped,
            "status": "finished" if finished else "in progress",
            "updated_at": timezone.now().isoformat(timespec="seconds"),
        }
        temporary = self.state_path.with_name(self.state_path.name + ".tmp")
        temporary.write_text(json.dumps(state, indent=2), encoding="utf-8")
        os.replace(temporary, self.state_path)  # never half written

    def _open_errors(self):
        if self.resume_from and self.errors_path.exists():
            return self.errors_path.open("a", encoding="utf-8", newline="")
        stream = self.errors_path.open("w", encoding="utf-8-sig", newline="")
        csv.writer(stream).writerow([_("Row"), _("Column"), _("Value"), _("Problem")])
        return stream

    def run(self, progress: Callable[[int, int | None], None] | None = None) -> ImportResult:
        """Import the rows after `resume_from`; `progress(rows done, total)` after each batch."""
        result = ImportResult()
        if self.finished:
            return result
        started = time.perf_counter()
        done = self.resume_from
        # Row numbers as a spreadsheet shows them: the header is row 1.
        numbered = enumerate(self._rows, start=2)
        for _skipped in islice(numbered, done):
            pass
        with self._open_errors() as errors_file:
            errors_csv = csv.writer(errors_file)
            while batch := list(islice(numbered, self.batch_size)):
                cards, errors = [], []
                for number, cells in batch:
                    if not any(cells):
                        continue  # blank rows are neither read nor reported
                    result.rows_read += 1
                    checked = self.reader.read(number, cells)
                    if isinstance(checked, _Card):
                        cards.append(checked)
                    else:
                        errors.extend(checked)
                        result.skipped += 1
                refused = self._save_batch(cards)
                errors.extend(refused)
                result.skipped += len(refused)
                result.imported += len(cards) - len(refused)
                done += len(batch)
                self._write_state(done, result, finished=False)
                errors_csv.writerows(
                    [e.row, e.column, no_formula(e.value), e.message] for e in errors
                )
                errors_file.flush()
                if progress:
                    progress(done, self.total)
        self._write_state(done, result, finished=True)
        if not self.state.get("skipped") and not result.skipped:
            self.errors_path.unlink(missing_ok=True)  # nothing to report
        result.seconds = time.perf_counter() - started
        return result

    def _save_batch(self, cards: list[_Card]) -> list[RowError]:
        """Save the batch in one transaction; if the database refuses it, find the rows it
        refuses one by one (each in a savepoint) and save the others."""
        try:
            with transaction.atomic():
                _save(cards)
            return []
        except DatabaseError:
            pass
        refused = []
        with transaction.atomic():
            for item in cards:
                try:
                    with transaction.atomic():
                        _save([item])
                except DatabaseError as error:
                    message = _("The database refused the row: %(error)s") % {"error": error}
                    refused.append(RowError(item.row, "", item.card.surname, message))
        return refused
