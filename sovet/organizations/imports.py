"""Import of organizations from a CSV or XLSX file: check every row first, then write all or
nothing, or only the valid rows when the user asks for that."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sovet.core import spreadsheets
from sovet.core.spreadsheets import normalized
from sovet.core.text import transliterate
from sovet.core.validators import normalize_phone, normalize_telegram

from . import rules
from .models import MembershipStatus, Organization, OrganizationTag, OrganizationType
from .models.registry import name_key

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = [
    "name_ru", "name_ky", "name_en", "short_name_ru", "type", "region", "city", "address",
    "latitude", "longitude", "founded_year", "leader_name", "leader_title_ru", "phone", "email",
    "website", "telegram", "vk", "tags", "is_partner", "membership_status", "member_since",
    "description_ru",
]  # fmt: skip
REQUIRED_COLUMNS = ["name_ru", "type", "region"]
TRUE_WORDS = {"1", "yes", "true", "да", "ооба", "+", "x"}
FALSE_WORDS = {"", "0", "no", "false", "нет", "жок", "-"}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, too large, no header row."""


class OrganizationImportForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [c for c in COLUMNS if c != "tags"] + ["slug", "tags"]


@dataclass
class RowResult:
    number: int  # as the user sees it in the spreadsheet (the header is row 1)
    values: dict
    errors: list[str] = field(default_factory=list)
    form: OrganizationImportForm | None = None

    @property
    def name(self) -> str:
        return self.values.get("name_ru", "")

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[RowResult]
    missing_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def valid_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list[RowResult]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def can_import_all(self) -> bool:
        return bool(self.rows) and not self.missing_columns and not self.invalid_rows


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (lower case) and the rows that are not blank, each with the number the
    spreadsheet shows it under, of a CSV or XLSX file."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB. Split it into smaller files."))
    if not name.lower().endswith((".csv", ".xlsx")):
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    try:
        table = spreadsheets.read_table(data, name=name)
        rows = [(n, cells) for n, cells in enumerate(table.rows, start=2) if any(cells)]
    except spreadsheets.UnreadableFile as error:
        raise ImportFileError(str(error)) from error
    if table.encoding == "cp1251":
        # Windows-1251 has no Kyrgyz ң, ө, ү: the names in Kyrgyz would come in as "?".
        raise ImportFileError(_("Save the CSV file in UTF-8 encoding and upload it again."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return [title.lower() for title in table.header], rows


class _Lookups:
    """Regions, types, tags and statuses by code or by name in any language: loaded once."""

    def __init__(self):
        self.regions = spreadsheets.region_lookup()
        self.tags = {}
        for tag in OrganizationTag.objects.all():
            for key in (tag.code, tag.name_ru, tag.name_ky, tag.name_en):
                self.tags[normalized(key)] = tag
        self.types = spreadsheets.choice_lookup(OrganizationType)
        self.statuses = spreadsheets.choice_lookup(MembershipStatus)
        self.taken_slugs = set(Organization.objects.values_list("slug", flat=True))


def check(name: str, data: bytes) -> ImportReport:
    """Read and validate every row; nothing is written."""
    header, rows = read_table(name, data)
    report = ImportReport(
        rows=[],
        missing_columns=[c for c in REQUIRED_COLUMNS if c not in header],
        unknown_columns=[c for c in header if c and c not in COLUMNS],
    )
    if report.missing_columns:
        return report
    lookups = _Lookups()
    seen = set()
    for number, cells in rows:
        values = {
            column: (cells[i].strip() if i < len(cells) else "")
            for i, column in enumerate(header)
            if column in COLUMNS
        }
        result = _check_row(number, values, lookups)
        key = (
            name_key(values.get("name_ru", "")),
            result.form.data.get("type") if result.form else "",
        )
        if result.is_valid and key in seen:
            result.errors.append(_("The same organization is already in row above."))
        seen.add(key)
        report.rows.append(result)
    return report


def _check_row(number: int, values: dict, lookups: _Lookups) -> RowResult:
    result = RowResult(number=number, values=values)
    data = {column: values.get(column, "") for column in COLUMNS}
    problems = {}

    def convert(column, function):
        if data[column]:
            try:
                data[column] = function(data[column])
            except ValidationError as error:
                problems[column] = error.messages

    region = lookups.regions.get(normalized(data["region"]))
    if data["region"] and region is None:
        problems["region"] = [_("Unknown region “%(value)s”.") % {"value": data["region"]}]
    data["region"] = region.pk if region else ""
    if data["type"]:
        kind = lookups.types.get(normalized(data["type"]))
        if kind is None:
            problems["type"] = [_("Unknown type “%(value)s”.") % {"value": data["type"]}]
        data["type"] = kind or ""
    if data["membership_status"]:
        status = lookups.statuses.get(normalized(data["membership_status"]))
        if status is None:
            problems["membership_status"] = [
                _("Unknown membership status “%(value)s”.") % {"value": data["membership_status"]}
            ]
        data["membership_status"] = status or ""
    tags, unknown = [], []
    for word in filter(None, (w.strip() for w in data["tags"].replace(";", ",").split(","))):
        tag = lookups.tags.get(normalized(word))
        (tags.append(tag.pk) if tag else unknown.append(word))
    if unknown:
        problems["tags"] = [_("Unknown activities: %(values)s.") % {"values": ", ".join(unknown)}]
    data["tags"] = tags
    partner = data["is_partner"].strip().lower()
    if partner not in TRUE_WORDS | FALSE_WORDS:
        problems["is_partner"] = [_("Write “yes” or “no”.")]
    data["is_partner"] = partner in TRUE_WORDS
    for column in ("latitude", "longitude"):
        convert(column, _decimal)
    convert("member_since", _date)
    convert("phone", normalize_phone)
    convert("telegram", normalize_telegram)
    data["slug"] = _unique_slug(values.get("name_ru", ""), lookups.taken_slugs)

    form = OrganizationImportForm(data=data)
    result.form = form
    form.is_valid()
    labels = {name: str(Organization._meta.get_field(name).verbose_name) for name in COLUMNS}
    for column, messages in problems.items():
        result.errors.extend(f"{labels.get(column, column)}: {m}" for m in messages)
    for column, messages in form.errors.items():
        if column in problems:
            continue
        prefix = f"{labels[column]}: " if column in labels else ""
        result.errors.extend(prefix + message for message in messages)
    if result.is_valid:
        lookups.taken_slugs.add(data["slug"])
    return result


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number such as 42.874621.")) from error


def _date(value: str) -> str:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(_("Enter a date such as 02.04.2021."))


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(transliterate(name))[:90] or "organization"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def apply(report: ImportReport, *, user, valid_only: bool = False) -> int:
    """Write the checked rows: all of them (only when every row is valid) or just the valid ones."""
    if user is not None and not rules.can_import_organizations(user):
        raise PermissionDenied(_("Only the Council secretary imports organizations."))
    if not valid_only and not report.can_import_all:
        raise ValidationError(_("Some rows have errors: fix them, or import only the valid rows."))
    count = 0
    for row in report.valid_rows:
        organization = row.form.save()
        organization.save_revision(user=user, log_action="wagtail.create")
        count += 1
    return count
