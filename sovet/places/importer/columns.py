"""The columns a file may have: each field with the names people write, in Russian, Kyrgyz or
English (as memory/importer.py reads them), and OpenStreetMap's tags. The template's header and
the report's column names are their titles in the active language."""

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from sovet.core.spreadsheets import normalized

from ..models import MemorialPlace

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


def column_aliases() -> dict[str, tuple[str, int]]:
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
