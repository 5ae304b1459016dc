"""Values written into CSV or XLSX files that people open in spreadsheet programs, and read back
from the files people import."""

import datetime
import re

from django.conf import settings
from django.utils import translation

from sovet.core.text import fold

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """The value as text a spreadsheet shows, never runs (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Reading imported files


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
    from sovet.core.models import Region

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
