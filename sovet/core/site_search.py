"""One search over everything public: pages and news, documents, organizations, conferences and
their decisions, events and campaigns, memorial places (the memory archive's cards are found by
its own name matching, `search_groups`).

Each app describes what it shows to the search in its `search.py`: a `SearchKind` per kind of
object, registered with the `search_kinds` hook. Every public object is kept in an index of its
own: an entry per language (`SearchEntry`: title, plain text, address) and the terms it is found
by (`SearchTerm`): each word folded, and its stems — Russian and English by the Snowball
stemmers, Kyrgyz by its case and plural endings — so «романс» finds «романса» and «памятник»
«памятники». A query asks for entries holding a term of every word (exact lookups on an indexed
column, the same on SQLite and PostgreSQL), ranks them (words in the title first, then the
newest) and groups them by kind.

The index follows the objects: a save or a delete of a registered model re-indexes that object
(read back from the database, so a draft never leaks); `manage.py rebuild_search` rebuilds it all.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import urlencode

import snowballstemmer
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, Window
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

from .lookups import index_page
from .models import SearchEntry, SearchTerm
from .search import search_words
from .text import fold

# Results shown per kind; the rest are behind the kind's own list.
PER_KIND = 5
# Candidates ranked per query: enough for every kind's first results.
CANDIDATES = 1000
TERM_LENGTH = 64
SNIPPET_WORDS = 28

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CYRILLIC = re.compile(r"[а-яёңөүі]", re.IGNORECASE)
_STOP_WORDS = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "о",
        "об",
        "обо",
        "по",
        "к",
        "ко",
        "у",
        "за",
        "из",
        "от",
        "до",
        "для",
        "не",
        "а",
        "но",
        "или",
        "что",
        "как",
        "жана",
        "менен",
        "үчүн",
        "да",
        "дагы",
        "of",
        "the",
        "a",
        "an",
        "and",
        "in",
        "on",
        "for",
        "to",
        "at",
        "by",
        "or",
        "with",
        "from",
    ]
)
# Kyrgyz endings, longest first: plural, then case. «уюмдардын» → «уюм».
_KYRGYZ_ENDINGS = tuple(
    sorted(
        {
            *(
                p + c
                for p in (
                    "лар",
                    "лер",
                    "лор",
                    "лөр",
                    "дар",
                    "дер",
                    "дор",
                    "дөр",
                    "тар",
                    "тер",
                    "тор",
                    "төр",
                )
                for c in (
                    "",
                    "дын",
                    "дин",
                    "дун",
                    "дүн",
                    "га",
                    "ге",
                    "го",
                    "гө",
                    "да",
                    "де",
                    "до",
                    "дө",
                    "дан",
                    "ден",
                    "дон",
                    "дөн",
                    "ды",
                    "ди",
                    "ду",
                    "дү",
                )
            ),
            *(
                "нын",
                "нин",
                "нун",
                "нүн",
                "дын",
                "дин",
                "дун",
                "дүн",
                "тын",
                "тин",
                "тун",
                "түн",
                "га",
                "ге",
                "го",
                "гө",
                "ка",
                "ке",
                "ко",
                "кө",
                "да",
                "де",
                "до",
                "дө",
                "та",
                "те",
                "то",
                "тө",
                "дан",
                "ден",
                "дон",
                "дөн",
                "тан",
                "тен",
                "тон",
                "төн",
                "нан",
                "нен",
                "нон",
                "нөн",
                "ны",
                "ни",
                "ну",
                "нү",
                "ды",
                "ди",
                "ду",
                "дү",
                "ты",
                "ти",
                "ту",
                "тү",
                "сы",
                "си",
                "су",
                "сү",
            ),
        },  # fmt: skip
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True)
class SearchDocument:
    """What the search knows of one object in one language."""

    title: str
    text: str
    url: str
    date: datetime.date | None = None
    lang: str = ""  # the language the title is written in, if not the one searched in
    text_lang: str = ""  # the same for the text, when it differs from the title's


@dataclass(frozen=True)
class SearchKind:
    """A kind of public object, as an app shows it to the search.

    ``public()``: every object anyone may see. ``document(obj, language)``: its entry in that
    language, or None (a page of another locale). ``more_url(query, language)``: the kind's own
    list searched for the query, when it has one.
    """

    name: str
    label: object  # a lazy translation
    model: type[models.Model]
    public: Callable[[], models.QuerySet]
    document: Callable[[models.Model, str], SearchDocument | None]
    order: int = 100
    more_url: Callable[[str, str], str] | None = None
    # Parts saved on their own (a term's seats…), with the field naming their object's key.
    # Or a function of the saved part giving the keys (a page's view restriction: its pages).
    parts: tuple[tuple[type[models.Model], str | Callable], ...] = field(default=())


@dataclass
class Result:
    title: SafeString
    url: str
    snippet: SafeString
    date: datetime.date | None = None
    lang: str = ""
    snippet_lang: str = ""


@dataclass
class Group:
    """A kind's first results: ``total`` found, ``results`` shown."""

    name: str
    label: object
    total: int
    results: list[Result]
    more_url: str = ""
    order: int = 100


# -- Terms ------------------------------------------------------------------------------------


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def _kyrgyz_stem(word: str) -> str:
    for ending in _KYRGYZ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=100_000)
def word_terms(word: str) -> frozenset[str]:
    """The terms a folded word is indexed and asked by: itself and its stems."""
    terms = {word}
    if _CYRILLIC.search(word):
        terms.add(_stemmer("russian").stemWord(word))
        terms.add(_kyrgyz_stem(word))
    else:
        terms.add(_stemmer("english").stemWord(word))
    return frozenset(term[:TERM_LENGTH] for term in terms if len(term) >= 2 or term.isdigit())


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def query_terms(query: str) -> list[frozenset[str]]:
    """A term set per word of the query; words that say nothing are left out (unless only they
    were typed)."""
    words = words_of(search_words(query))
    meaningful = [word for word in words if word not in _STOP_WORDS] or words
    return [word_terms(word) for word in dict.fromkeys(meaningful)]


# -- The index --------------------------------------------------------------------------------


def list_search(page_type, **extra) -> Callable[[str, str], str]:
    """A kind's `more_url`: its own list (the index page of ``page_type``) searched for the query,
    with ``extra`` parameters (``past=1``…)."""

    def more_url(query: str, language: str) -> str:
        page = index_page(page_type)
        return f"{page.url}?{urlencode({'q': query, **extra})}" if page else ""

    return more_url


def kinds() -> list[SearchKind]:
    return sorted(
        (kind for register in hooks.get_hooks("search_kinds") for kind in register()),
        key=lambda kind: kind.order,
    )


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _entries(kind: SearchKind, obj) -> list[tuple[SearchEntry, set[str], set[str]]]:
    made = []
    for language in _languages():
        with translation.override(language):
            document = kind.document(obj, language)
        if document is None:
            continue
        entry = SearchEntry(
            kind=kind.name,
            key=str(obj.pk),
            language=language,
            title=document.title[:300],
            text=document.text,
            url=document.url[:500],
            date=document.date,
            shown_language="" if document.lang == language else document.lang,
            text_language="" if document.text_lang in ("", language) else document.text_lang,
        )
        title_terms = set().union(*map(word_terms, words_of(document.title)))
        text_terms = set().union(*map(word_terms, words_of(document.text)))
        made.append((entry, title_terms, text_terms - title_terms))
    return made


def _store(made) -> None:
    SearchEntry.objects.bulk_create([entry for entry, _t, _x in made])
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(entry=entry, term=term, in_title=in_title)
            for entry, title_terms, text_terms in made
            for in_title, terms in ((True, title_terms), (False, text_terms))
            for term in terms
        ],
        batch_size=2000,
    )


def index_object(kind: SearchKind, pk) -> None:
    """Index one object again as the database holds it: gone from the index unless public."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind.name, key=str(pk)).delete()
        obj = kind.public().filter(pk=pk).first()
        if obj is not None:
            _store(_entries(kind, obj))


def rebuild(only: Iterable[str] = ()) -> dict[str, int]:
    """Index every public object again; returns the entries per kind."""
    counts = {}
    for kind in kinds():
        if only and kind.name not in only:
            continue
        with transaction.atomic():
            SearchEntry.objects.filter(kind=kind.name).delete()
            made = []
            for obj in kind.public().iterator(chunk_size=500):
                made += _entries(kind, obj)
                if len(made) >= 500:
                    _store(made)
                    counts[kind.name] = counts.get(kind.name, 0) + len(made)
                    made = []
            _store(made)
            counts[kind.name] = counts.get(kind.name, 0) + len(made)
    return counts


@cache
def _watched() -> list[tuple[type, SearchKind, str]]:
    """(model, kind, the field holding the indexed object's key, or a function giving the
    keys) for every model saved."""
    return [
        (model, kind, key) for kind in kinds() for model, key in ((kind.model, "pk"), *kind.parts)
    ]


def _reindex(sender, instance, **kwargs) -> None:
    for model, kind, key in _watched():
        if isinstance(instance, model):
            keys = [getattr(instance, key, None)] if isinstance(key, str) else key(instance)
            for pk in keys:
                if pk is not None:
                    index_object(kind, pk)


def connect_signals() -> None:
    models.signals.post_save.connect(_reindex, dispatch_uid="site_search_save")
    models.signals.post_delete.connect(_reindex, dispatch_uid="site_search_delete")


# -- Searching --------------------------------------------------------------------------------


def _marked(text: str, terms: set[str]) -> SafeString:
    """The text, escaped, with the words that matched the query in <mark>."""
    parts = []
    last = 0
    lowered = text.lower().replace("ё", "е")
    if len(lowered) != len(text):  # a letter whose lower case is longer: mark nothing
        return escape(text)
    for match in _WORD.finditer(lowered):
        if word_terms(match.group()) & terms:
            parts += [escape(text[last : match.start()]), mark_safe("<mark>")]  # noqa: S308
            parts += [escape(text[match.start() : match.end()]), mark_safe("</mark>")]  # noqa: S308
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


def snippet(text: str, terms: set[str], words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of the text around its first matching word, marked."""
    spans = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
    if not spans:
        return mark_safe("")
    first = next((i for i, (_s, _e, word) in enumerate(spans) if word_terms(fold(word)) & terms), 0)
    start = max(0, first - words // 3)
    end = min(len(spans), start + words)
    piece = text[spans[start][0] : spans[end - 1][1]]
    before = "… " if start > 0 else ""
    after = " …" if end < len(spans) else ""
    return mark_safe(escape(before) + _marked(piece, terms) + escape(after))  # noqa: S308


def search(query: str, language: str | None = None, *, per_kind: int = PER_KIND) -> list[Group]:
    """The public objects matching every word of the query, grouped by kind, best first."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    wanted = query_terms(query)
    if not wanted:
        return []
    entries = SearchEntry.objects.filter(language__in=[language, ""])
    for terms in wanted:
        entries = entries.filter(pk__in=SearchTerm.objects.filter(term__in=terms).values("entry"))
    # One query: the newest candidates with their titles, and how many each kind has in all
    # (a kind with none among the first CANDIDATES is left out: another kind floods the query).
    candidates = list(
        entries.annotate(kind_total=Window(Count("pk"), partition_by=[F("kind")]))
        .order_by("-date", "pk")
        .values_list("pk", "kind", "title", "kind_total")[:CANDIDATES]
    )
    if not candidates:
        return []
    everything = set().union(*wanted)
    totals, by_kind = {}, defaultdict(list)
    for pk, kind, title, kind_total in candidates:
        totals[kind] = kind_total
        in_title = set().union(*map(word_terms, words_of(title)))
        title_words = sum(1 for terms in wanted if terms & in_title)
        by_kind[kind].append((-title_words, pk))  # stable: the newest first among equals
    shown = {}
    for kind, ranked in by_kind.items():
        ranked.sort(key=lambda row: row[0])
        shown[kind] = [pk for _score, pk in ranked[:per_kind]]
    rows = SearchEntry.objects.in_bulk([pk for pks in shown.values() for pk in pks])
    groups = []
    for kind in kinds():
        if kind.name not in totals:
            continue
        results = [
            Result(
                title=_marked(rows[pk].title, everything),
                url=rows[pk].url,
                snippet=snippet(rows[pk].text, everything),
                date=rows[pk].date,
                lang=rows[pk].shown_language,
                snippet_lang=rows[pk].text_language,
            )
            for pk in shown.get(kind.name, [])
        ]
        wanted_more = kind.more_url and totals[kind.name] > len(results)
        more = kind.more_url(query, language) if wanted_more else ""
        groups.append(Group(kind.name, kind.label, totals[kind.name], results, more, kind.order))
    return groups


def site_search(query: str, request=None, *, per_kind: int = PER_KIND) -> list[Group]:
    """The index's groups and those apps compute themselves (`search_groups`), in kind order."""
    groups = search(query, per_kind=per_kind)
    for compute in hooks.get_hooks("search_groups"):
        group = compute(query, request)
        if group is not None and group.total:
            groups.append(group)
    return sorted(groups, key=lambda group: group.order)
