"""Per-language fields of records: ``name_ru``, ``name_ky``, ``name_en``, with Russian as the fallback."""

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class TranslatedField:
    """Reads ``<base>_<active language>``, falling back to the default language (Russian).

    ``Region.name`` → ``name_ky`` while Kyrgyz is active, ``name_ru`` if that is empty.
    ``Region.name_language`` tells which language the text is in, for a ``lang`` attribute.
    """

    def __set_name__(self, owner, name):
        self.base = name

    def _pick(self, instance):
        active = (get_language() or settings.LANGUAGE_CODE)[:2]
        value = getattr(instance, f"{self.base}_{active}", "")
        if value:
            return value, active
        return getattr(
            instance, f"{self.base}_{settings.LANGUAGE_CODE}", ""
        ), settings.LANGUAGE_CODE

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self._pick(instance)[0]


def language_of(instance, base: str) -> str:
    """The language that ``instance.<base>`` is shown in right now."""
    # instance.__class__, not type(instance): a lazy object (a view's SimpleLazyObject) names
    # the class it stands for.
    return getattr(instance.__class__, base)._pick(instance)[1]


def in_language(get, base: str) -> tuple[str, str]:
    """``(text, its language)`` of a text kept as ``<base>`` in Russian with optional
    ``<base>_ky`` and ``<base>_en`` beside it (the Council's contacts, a centre's block): the
    active language's version, else the Russian. ``get(name)`` reads a value by its name."""
    default = settings.LANGUAGE_CODE
    active = (get_language() or default)[:2]
    if active != default:
        value = get(f"{base}_{active}")
        if value:
            return value, active
    return get(base) or "", default


def number(value) -> str:
    """A count as the active language writes it, thousands grouped: «16 630» in Russian and
    Kyrgyz (a non-breaking space), "16,630" in English. Anything not a number is left as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return number_format(value, force_grouping=True)
