"""The translation desk: what the public sees in Russian where it should read Kyrgyz or English.

Pages are found here (wagtail-localize keeps their translations): a Russian page whose Kyrgyz or
English version is missing, unpublished, an alias (the Russian text under the other language's
address) or out of date (the Russian page published again after its translation was last synced).
Each app reports its records through the ``untranslated_content`` hook: a public record whose
``<field>_ky`` or ``<field>_en`` is empty while ``<field>_ru`` is filled, most easily with
``untranslated_records``::

    @hooks.register("untranslated_content")
    def untranslated_places():
        return untranslated_records(
            public_places(), ["name"], kind="place", kind_label=_("Memorial places"),
            title=lambda place: place.name_ru,
        )

One query per model (the languages missing are computed by the database), never one per record.
The list is ordered by importance (``MENU`` … ``REST``), then each kind's own ``position``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page

# Importance, most important first. There is no visit counter: the section pages (those with
# pages under them: the news, the calendar, the directory…) stand in for "the pages visited most".
MENU, HOME, SECTIONS, DECISIONS, UPCOMING, REST = 10, 20, 30, 40, 50, 100
IMPORTANCE_LABELS = {
    MENU: _("Main menu"),
    HOME: _("Home page"),
    SECTIONS: _("Section page"),
    DECISIONS: _("Decision"),
    UPCOMING: _("Upcoming event"),
    REST: _("Other"),
}

MISSING, DRAFT, ALIAS, OUTDATED = "missing", "draft", "alias", "outdated"
STATE_LABELS = {
    MISSING: _("not translated"),
    DRAFT: _("translation not published"),
    ALIAS: _("shows the Russian text"),
    OUTDATED: _("out of date: the Russian text changed"),
}


@dataclass(frozen=True)
class Gap:
    """One language a piece of content lacks, and where to translate it."""

    language: str
    url: str
    state: str = MISSING

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Untranslated:
    """A piece of public content not (fully) translated: ``gaps``, one per language lacking.

    ``kind`` names the kind for the filter (``kind_label`` shows it); ``position`` orders the
    pieces of one kind within an importance (an upcoming event's date, a page's place in the
    tree) and must compare with the kind's other positions.
    """

    kind: str
    kind_label: object
    title: str
    gaps: tuple[Gap, ...]
    importance: int = REST
    position: tuple = field(default=())

    @property
    def importance_label(self):
        return IMPORTANCE_LABELS.get(self.importance, IMPORTANCE_LABELS[REST])

    def lacks(self, language: str) -> bool:
        return any(gap.language == language for gap in self.gaps)


def target_languages() -> list[str]:
    """The languages content is translated into: every site language but the default."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


# -- Records ----------------------------------------------------------------------------------


def _edit_url_name(model) -> str:
    """The name of the admin's edit page of ``model`` (its registry or snippet viewset)."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for viewset in viewsets.viewsets:
        if getattr(viewset, "model", None) is model and not isinstance(viewset, ChooserViewSet):
            try:
                return viewset.get_url_name("edit")
            except AttributeError:
                continue
    return ""


def edit_url(obj) -> str:
    """The admin's edit page of a record, or "" when no registry edits its model."""
    name = _edit_url_name(type(obj))
    if not name:
        return ""
    try:
        return reverse(name, args=[quote(obj.pk)])
    except NoReverseMatch:
        return ""


def _empty(name: str) -> Q:
    return Q(**{name: ""}) | Q(**{f"{name}__isnull": True})


def untranslated_records(
    queryset,
    fields: Iterable[str],
    *,
    kind: str,
    kind_label,
    title: Callable[[object], str],
    url: Callable[[object], str] = edit_url,
    importance: int | Callable[[object], int] = REST,
    position: Callable[[object], tuple] = lambda obj: (),
    russian_base: Iterable[str] = (),
) -> list[Untranslated]:
    """The records of ``queryset`` with a field written in Russian and not in another language
    (``fields``: the names without ``_ru``/``_ky``/``_en``), in one query. ``russian_base``
    names fields kept as ``<name>`` in Russian with ``<name>_ky``/``<name>_en`` beside it (an
    event's venue: see ``core.i18n.in_language``). ``title``, ``url``, ``importance`` and
    ``position`` are read from each record: keep to what the queryset loads."""
    russian = {f"{name}_ru": name for name in fields} | {name: name for name in russian_base}
    lacking = {
        language: reduce(
            or_,
            (
                Q(**{f"{source}__gt": ""}) & _empty(f"{name}_{language}")
                for source, name in russian.items()
            ),
        )
        for language in target_languages()
    }
    records = queryset.filter(reduce(or_, lacking.values())).annotate(
        **{
            f"lacks_{language}": ExpressionWrapper(condition, output_field=BooleanField())
            for language, condition in lacking.items()
        }
    )
    items = []
    for record in records:
        link = url(record)
        items.append(
            Untranslated(
                kind=kind,
                kind_label=kind_label,
                title=title(record),
                gaps=tuple(
                    Gap(language, link)
                    for language in lacking
                    if getattr(record, f"lacks_{language}")
                ),
                importance=importance(record) if callable(importance) else importance,
                position=position(record),
            )
        )
    return items


# -- Pages ------------------------------------------------------------------------------------

PAGES = "page"


def untranslated_pages() -> list[Untranslated]:
    """The public Russian pages whose Kyrgyz or English version is missing, unpublished, an
    alias or out of date, in four queries (and Wagtail's one for view restrictions)."""
    from wagtail_localize.models import Translation

    default = Locale.get_default()
    public = (
        Page.objects.live().public().filter(locale=default, depth__gte=2, alias_of__isnull=True)
    )
    sources = list(
        public.only(
            "title",
            "path",
            "depth",
            "numchild",
            "show_in_menus",
            "translation_key",
            "last_published_at",
        ).order_by("path")
    )
    if not sources:
        return []
    # The keys as a subquery: a long list of values would meet the database's parameter limit.
    keys = public.values("translation_key")
    versions = {
        (key, language): (pk, alias_of_id, live)
        for key, language, pk, alias_of_id, live in Page.objects.filter(translation_key__in=keys)
        .exclude(locale=default)
        .values_list("translation_key", "locale__language_code", "pk", "alias_of_id", "live")
    }
    synced = {
        (key, language): (source_id, updated_at)
        for key, language, source_id, updated_at in Translation.objects.filter(
            source__object_id__in=keys, source__locale=default, enabled=True
        ).values_list(
            "source__object_id",
            "target_locale__language_code",
            "source_id",
            "source__last_updated_at",
        )
    }
    menu = set()
    items = []
    for page in sources:
        parent_path = page.path[: -Page.steplen]
        if page.show_in_menus and (page.depth == 3 or (page.depth == 4 and parent_path in menu)):
            menu.add(page.path)
        gaps = []
        for language in target_languages():
            gap = _page_gap(page, language, versions, synced)
            if gap is not None:
                gaps.append(gap)
        if not gaps:
            continue
        if page.depth == 2:
            importance = HOME
        elif page.path in menu:
            importance = MENU
        elif page.numchild:
            importance = SECTIONS
        else:
            importance = REST
        items.append(
            Untranslated(
                PAGES, _("Pages"), page.title, tuple(gaps), importance, position=(page.path,)
            )
        )
    return items


def _page_gap(page, language, versions, synced) -> Gap | None:
    version = versions.get((page.translation_key, language))
    if version is None:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        return Gap(language, url, MISSING)
    pk, alias_of_id, live = version
    edit = reverse("wagtailadmin_pages:edit", args=[pk])
    if alias_of_id:
        return Gap(language, edit, ALIAS)
    if not live:
        return Gap(language, edit, DRAFT)
    source = synced.get((page.translation_key, language))
    if source and page.last_published_at and page.last_published_at > source[1]:
        url = reverse("wagtail_localize:update_translations", args=[source[0]])
        return Gap(language, url, OUTDATED)
    return None


# -- Everything -------------------------------------------------------------------------------


def untranslated_content() -> list[Untranslated]:
    """Every untranslated piece of public content, the most important first."""
    found = [untranslated_pages()]
    found += [list(report() or []) for report in hooks.get_hooks("untranslated_content")]
    ranked = [
        ((item.importance, kind_order, item.kind, item.position, item.title), item)
        for kind_order, items in enumerate(found)
        for item in items
    ]
    ranked.sort(key=lambda pair: pair[0])
    return [item for _key, item in ranked]


NOT_TRANSLATED_INTO = {
    "ky": _("Not translated into Kyrgyz"),
    "en": _("Not translated into English"),
}


def desk_lines(url: str) -> list:
    """The staff desk's lines: how many pieces each language lacks, each a link to the desk
    showing that language."""
    from . import fragments
    from .desk import DeskItem

    def count():
        items = untranslated_content()
        return {
            language: sum(1 for item in items if item.lacks(language))
            for language in target_languages()
        }

    # The whole list costs some twenty queries: the admin's home page reads the counts once per
    # content version (at most five minutes old, since a draft translation moves no version).
    counts = fragments.cached("translation-desk-counts", compute=count, seconds=300)
    return [
        DeskItem(
            NOT_TRANSLATED_INTO.get(language, language),
            f"{url}?lang={language}",
            count=counts[language],
            order=900,
        )
        for language in target_languages()
    ]
