"""Partial historical dates ("1943", "May 1943", "about 1943", "1941–1945") as values.

Families rarely know the exact day, so a date here is as precise as the source and no more:
we never fill in a fake 1 January. Values are stored as a small subset of EDTF
(ISO 8601-2, https://www.loc.gov/standards/datetime/):

    1943            a year
    1943-05         a month
    1943-05-09      a day
    1943~           approximate (on any of the above)
    1941/1945       a range; each side may be partial or approximate ("1941-05~/1945")

``PartialDate.from_human()`` reads what people type in Russian, Kyrgyz and English,
``display()`` writes the date for readers in the active language, and ``to_human()`` writes it
back the way a person would type it (what a form shows for editing).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import exceptions
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

__all__ = ["PartialDate", "PartialDateField", "PartialDateFormField"]

# Month names for display. Two forms because Russian needs the genitive after a day or
# "около" («9 мая», «около мая 1943 г.») but the nominative alone («май 1943 г.»).
# They are our own msgids rather than django.utils.dates.MONTHS because Django's Russian and
# Kyrgyz catalogues capitalise them («Май»), which is wrong inside a date.
MONTHS_NOMINATIVE = {
    1: pgettext_lazy("partial date: month, nominative", "January"),
    2: pgettext_lazy("partial date: month, nominative", "February"),
    3: pgettext_lazy("partial date: month, nominative", "March"),
    4: pgettext_lazy("partial date: month, nominative", "April"),
    5: pgettext_lazy("partial date: month, nominative", "May"),
    6: pgettext_lazy("partial date: month, nominative", "June"),
    7: pgettext_lazy("partial date: month, nominative", "July"),
    8: pgettext_lazy("partial date: month, nominative", "August"),
    9: pgettext_lazy("partial date: month, nominative", "September"),
    10: pgettext_lazy("partial date: month, nominative", "October"),
    11: pgettext_lazy("partial date: month, nominative", "November"),
    12: pgettext_lazy("partial date: month, nominative", "December"),
}
MONTHS_GENITIVE = {
    1: pgettext_lazy("partial date: month, genitive", "January"),
    2: pgettext_lazy("partial date: month, genitive", "February"),
    3: pgettext_lazy("partial date: month, genitive", "March"),
    4: pgettext_lazy("partial date: month, genitive", "April"),
    5: pgettext_lazy("partial date: month, genitive", "May"),
    6: pgettext_lazy("partial date: month, genitive", "June"),
    7: pgettext_lazy("partial date: month, genitive", "July"),
    8: pgettext_lazy("partial date: month, genitive", "August"),
    9: pgettext_lazy("partial date: month, genitive", "September"),
    10: pgettext_lazy("partial date: month, genitive", "October"),
    11: pgettext_lazy("partial date: month, genitive", "November"),
    12: pgettext_lazy("partial date: month, genitive", "December"),
}

# Month names people type, in every language we read, whatever the active language is.
# Kyrgyz uses the same Cyrillic month names as Russian nominative.
_MONTH_WORDS = {
    # English, full and abbreviated
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    # Russian and Kyrgyz nominative
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    # Russian genitive («9 мая»)
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    # Russian prepositional («в мае 1943»)
    "январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6, "июле": 7,
    "августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12,
    # Russian abbreviations («янв. 1943»)
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
    # Kyrgyz possessive, as a Kyrgyz date writes the month («1943-жылдын 9-майы»)
    "январы": 1, "февралы": 2, "марты": 3, "апрели": 4, "майы": 5, "июну": 6, "июлу": 7,
    "августу": 8, "сентябры": 9, "октябры": 10, "ноябры": 11, "декабры": 12,
}  # fmt: skip

# Words and signs that make a date approximate. A word must be followed by a dot or a space,
# so "ок" does not match the start of "октябрь".
_APPROX_PREFIX = re.compile(
    r"^(?:(?:болжолу\s+менен|болжол\s+менен|приблизительно|примерно|около|ок"
    r"|approximately|approx|around|about|circa|ca|c)(?:\.\s*|\s+)|~\s*)"
)
_APPROX_SUFFIX = re.compile(r"\s*[?~]$")
# "1943 г.", "1943 года", "1941–1945 гг.", "1943-ж.", "1943-жылы", "1943-жылдын": the year word
# adds nothing.
_YEAR_WORD = re.compile(
    r"(\d{3,4})\s*-?\s*(?:годах|годы|году|года|год|гг|г|жылдары|жылдын|жылы|жж|ж)(?!\w)\.?"
)
_RANGE_WORDS = re.compile(r"^(?:с|from)\s+(.+?)\s+(?:по|до|to|until|till)\s+(.+)$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:[–—/]|\.\.|-|\bto\b)\s*")

_EDTF_SIDE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DOTTED = re.compile(r"^(?:(?:(\d{1,2})\.)?(\d{1,2})\.)?(\d{3,4})$")
_DAY = r"(\d{1,2})(?:st|nd|rd|th|-?го)?"
_WORD = r"([^\W\d_]+)\.?"
_DAY_MONTH_YEAR = re.compile(rf"^(?:{_DAY}\s*-?\s*)?{_WORD},?\s+(\d{{3,4}})$")  # 9 мая 1943
_MONTH_DAY_YEAR = re.compile(rf"^{_WORD}\s+{_DAY},?\s+(\d{{3,4}})$")  # May 9, 1943
_YEAR_DAY_MONTH = re.compile(rf"^(\d{{3,4}})\s+(?:{_DAY}\s*-\s*)?{_WORD}$")  # 1943-ж. 9-май


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day, maybe approximate, maybe a range.

    A range is the start date with ``end`` set: ``PartialDate(1941, end=PartialDate(1945))``.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.year, int) or not 1 <= self.year <= 9999:
            raise ValueError(f"Year must be a number from 1 to 9999, not {self.year!r}.")
        if self.day is not None and self.month is None:
            raise ValueError("A day needs a month.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"Month must be from 1 to 12, not {self.month!r}.")
        if self.day is not None:
            datetime.date(self.year, self.month, self.day)  # raises ValueError on 30 February
        if self.end is not None:
            if self.end.end is not None:
                raise ValueError("The end of a range cannot be a range.")
            # "End after start": the end begins after the start is over, so ranges never overlap.
            if self.end.earliest() <= self._latest_of_start():
                raise ValueError("The end of a range must be after its start.")

    # --- Storage (EDTF) ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the stored EDTF form, e.g. "1943-05", "1943~" or "1941/1945"."""
        parts = text.strip().split("/")
        if len(parts) > 2:
            raise ValueError(f"Not a partial date: {text!r}")
        start = cls._parse_edtf_side(parts[0], text)
        if len(parts) == 1:
            return start
        return dataclasses.replace(start, end=cls._parse_edtf_side(parts[1], text))

    @classmethod
    def _parse_edtf_side(cls, side: str, text: str) -> PartialDate:
        match = _EDTF_SIDE.match(side)
        if not match:
            raise ValueError(f"Not a partial date: {text!r}")
        year, month, day, tilde = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            approximate=bool(tilde),
        )

    def __str__(self) -> str:
        if self.end is None:
            return self._edtf_side()
        return f"{self._edtf_side()}/{self.end._edtf_side()}"

    def _edtf_side(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

    # --- Bounds, for sorting and filtering ------------------------------------------------

    @property
    def start(self) -> PartialDate:
        """The first (or only) date, without the end of the range."""
        return dataclasses.replace(self, end=None) if self.end else self

    def earliest(self) -> datetime.date:
        """The first day the value may mean. "Approximate" does not widen the bounds."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day the value may mean (the end of the range, if any)."""
        if self.end is not None:
            return self.end.latest()
        return self._latest_of_start()

    def _latest_of_start(self) -> datetime.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """For ``sorted(dates, key=PartialDate.sort_key)``: "1943" comes before "May 1943"."""
        return (self.earliest(), self.latest())

    # --- Human input -----------------------------------------------------------------------

    @classmethod
    def from_human(cls, text: str) -> PartialDate:
        """Read a date as people type it: "9 мая 1943", "около 1943", "1941–1945", "05.1943"...

        A word such as "около" in front of a range makes both ends approximate
        ("около 1941–1945"); a mark on one side only applies to that side ("1941?–1945").
        Raises ValueError when the text is not a date.
        """
        normal = _normalise(text)
        if not normal:
            raise ValueError("Empty date.")
        prefix = _APPROX_PREFIX.match(normal)
        if prefix and prefix.end() < len(normal):
            rest = normal[prefix.end() :]
            value = cls._single_from_human(rest) or cls._range_from_human(rest)
            if value is not None:
                end = value.end and dataclasses.replace(value.end, approximate=True)
                return dataclasses.replace(value, approximate=True, end=end)
        value = cls._single_from_human(normal) or cls._range_from_human(normal)
        if value is None:
            raise ValueError(f"Not a date: {text!r}")
        return value

    @classmethod
    def _range_from_human(cls, text: str) -> PartialDate | None:
        words = _RANGE_WORDS.match(text)
        if words:
            splits = [(words.group(1), words.group(2))]
        else:
            splits = [(text[: m.start()], text[m.end() :]) for m in _RANGE_SEPARATOR.finditer(text)]
        # Hyphens also appear inside dates ("1943-05-09"), so try each separator in turn.
        for left, right in splits:
            start, end = cls._single_from_human(left), cls._single_from_human(right)
            if start is not None and end is not None:
                try:
                    return dataclasses.replace(start, end=end)
                except ValueError:
                    continue
        return None

    @classmethod
    def _single_from_human(cls, text: str) -> PartialDate | None:
        text = text.strip()
        approximate = False
        if prefix := _APPROX_PREFIX.match(text):
            approximate, text = True, text[prefix.end() :]
        if suffix := _APPROX_SUFFIX.search(text):
            approximate, text = True, text[: suffix.start()]
        text = re.sub(r"^(?:в|во|in)\s+", "", text.strip())
        fields = _date_fields(text)
        if fields is None:
            return None
        year, month, day = fields
        try:
            return cls(year, month, day, approximate=approximate)
        except ValueError:
            return None

    def to_human(self) -> str:
        """The value as a person would type it in the active language: "около 09.05.1943"."""
        if self.end is None:
            return self._human_side(self.approximate)
        start, end = self._human_side(False), self.end._human_side(False)
        if self.approximate and self.end.approximate:
            return _about_input(f"{start}–{end}")
        if self.approximate:
            # A word in front would cover the whole range, so mark the start alone with "?".
            return f"{start}?–{end}"
        if self.end.approximate:
            return f"{start} – {_about_input(end)}"
        return f"{start}–{end}"

    def _human_side(self, approximate: bool) -> str:
        text = str(self.year)
        if self.month is not None:
            text = f"{self.month:02d}.{text}"
        if self.day is not None:
            text = f"{self.day:02d}.{text}"
        return _about_input(text) if approximate else text

    # --- Display -------------------------------------------------------------------------

    def display(self) -> str:
        """The value for readers, in the active language: «9 мая 1943 г.», "about 1943"."""
        if self.end is None:
            return self._display_side()
        if self._is_range_of_years():
            # Translators: a range of whole years, e.g. "1941–1945"; Russian adds "гг.".
            years = pgettext("partial date", "%(start)s–%(end)s") % {
                "start": self.year,
                "end": self.end.year,
            }
            return _about(years) if self.approximate else years
        # Translators: a range between two dates that are not whole years.
        return pgettext("partial date", "%(start)s – %(end)s") % {
            "start": self.start._display_side(),
            "end": self.end._display_side(),
        }

    def _is_range_of_years(self) -> bool:
        end = self.end
        return (
            end is not None
            and self.month is None
            and end.month is None
            and self.approximate == end.approximate
        )

    def _display_side(self) -> str:
        if self.month is None:
            # Translators: a year alone; Russian adds "г.", Kyrgyz "-ж.".
            text = pgettext("partial date", "%(year)s") % {"year": self.year}
        elif self.day is None:
            if self.approximate:
                # Translators: an approximate month; the month is in the genitive («около мая»).
                return pgettext("partial date", "about %(month)s %(year)s") % {
                    "month": MONTHS_GENITIVE[self.month],
                    "year": self.year,
                }
            # Translators: a month and year, e.g. "May 1943".
            text = pgettext("partial date", "%(month)s %(year)s") % {
                "month": MONTHS_NOMINATIVE[self.month],
                "year": self.year,
            }
        else:
            # Translators: a full date, e.g. "9 May 1943"; the month is in the genitive.
            text = pgettext("partial date", "%(day)s %(month)s %(year)s") % {
                "day": self.day,
                "month": MONTHS_GENITIVE[self.month],
                "year": self.year,
            }
        return _about(text) if self.approximate else text


def _about(date: str) -> str:
    # Translators: an approximate date for readers, e.g. "about 1943".
    return pgettext("partial date", "about %(date)s") % {"date": date}


def _about_input(date: str) -> str:
    # Translators: an approximate date as typed into a form; must be a word the form reads back
    # (Russian «около», Kyrgyz «болжол менен»).
    return pgettext("partial date input", "about %(date)s") % {"date": date}


def _normalise(text: str) -> str:
    text = " ".join(text.lower().replace("ё", "е").split())
    # A year word is noise for parsing: "9 мая 1943 г." → "9 мая 1943".
    return _YEAR_WORD.sub(r"\1", text).strip(" ,")


def _date_fields(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of one date written without any "about" mark, or None."""
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return int(year), _int(month), _int(day)
    if match := _DOTTED.match(text):
        day, month, year = match.groups()
        return int(year), _int(month), _int(day)
    if match := _DAY_MONTH_YEAR.match(text):
        day, word, year = match.groups()
    elif match := _MONTH_DAY_YEAR.match(text):
        word, day, year = match.groups()
    elif match := _YEAR_DAY_MONTH.match(text):
        year, day, word = match.groups()
    else:
        return None
    month = _MONTH_WORDS.get(word)
    if month is None:
        return None
    return int(year), month, _int(day)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


class PartialDateFormField(forms.CharField):
    """A text input that reads "1943", "05.1943", "около 1943", "1941–1945"... into PartialDate.

    Invalid input stays in the box as typed, so the person can correct it.
    """

    default_error_messages = {
        "invalid": _(
            "Enter a date such as 1943, 05.1943, 09.05.1943, “about 1943” or “1941–1945”."
        ),
    }

    def __init__(self, *, max_length: int | None = None, **kwargs: Any) -> None:
        # What people type ("болжол менен 09.05.1943") is longer than what is stored, so the
        # storage length is left to the model field, which checks the EDTF text.
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return PartialDate.from_human(text)
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, PartialDate):
            return value.to_human()
        return value


class PartialDateField(models.CharField):
    """A PartialDate stored as its EDTF text ("1943-05", "1941/1945") in a CharField.

    Empty is None in Python and "" in the database (unless ``null=True``).
    """

    description = _("Partial date")
    default_error_messages = {
        "invalid": _(
            "“%(value)s” is not a valid date. Use a form such as 1943, 1943-05, 1943-05-09, "
            "1943~ (approximate) or 1941/1945 (a range)."
        ),
    }

    def __init__(self, *args: Any, max_length: int = 32, **kwargs: Any) -> None:
        # The longest value, "1941-05-09~/1945-05-09~", has 23 characters.
        super().__init__(*args, max_length=max_length, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 32:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        # A stored value that does not parse raises rather than reading as empty: returning
        # None would let the next save erase it.
        if value is None or value == "":
            return None
        return PartialDate.parse(value)

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate) or value is None:
            return value
        if value == "":
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError:
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def get_default(self) -> PartialDate | None:
        # CharField's default is "", but an empty value is None here, also on new objects.
        return self.to_python(super().get_default())

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(models.Field.get_prep_value(self, value))
        if value is None:
            return None if self.null else ""
        return str(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def run_validators(self, value: Any) -> None:
        # Validators such as MaxLengthValidator work on the stored text, not the object.
        super().run_validators(str(value) if isinstance(value, PartialDate) else value)

    def formfield(self, **kwargs: Any) -> forms.Field:
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})
