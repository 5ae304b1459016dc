"""Every read the help desk's pages share: the queues, the requester's timeline, the figures."""

from collections import Counter
from datetime import timedelta
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from sovet.core.lookups import index_page
from sovet.core.models import SearchEntry, SearchTerm
from sovet.core.search import search_words
from sovet.core.site_search import word_terms, words_of

from . import rules
from .models import (
    FINISHED,
    PUBLIC_KINDS,
    ArticlePage,
    HelpDeskPage,
    HelpRequest,
    Status,
    Topic,
)
from .workdays import working_days_between

# The queue's tabs: (name, label).
TABS = (
    ("new", pgettext_lazy("help requests", "New")),
    ("mine", _("Assigned to me")),
    ("waiting", _("Waiting for the requester")),
    ("overdue", _("Overdue")),
    ("open", _("All open")),
    ("finished", _("Closed and referred")),
)


def overdue_q(today) -> Q:
    """Not answered yet, not finished, and its due day is past (the Kyrgyz working calendar set
    the due day when the request came in)."""
    return (
        Q(first_answered_at__isnull=True, first_answer_due__lt=today)
        & ~Q(status__in=FINISHED)
        & Q(anonymized_at__isnull=True)
    )


def is_overdue(help_request: HelpRequest, today) -> bool:
    return (
        help_request.first_answered_at is None
        and not help_request.is_finished
        and help_request.anonymized_at is None
        and help_request.first_answer_due < today
    )


def tab_q(tab: str, user, today) -> Q:
    if tab == "new":
        return Q(status=Status.NEW)
    if tab == "mine":
        return Q(assignee=user) & ~Q(status__in=FINISHED)
    if tab == "waiting":
        return Q(status=Status.WAITING)
    if tab == "overdue":
        return overdue_q(today)
    if tab == "finished":
        return Q(status__in=FINISHED)
    return ~Q(status__in=FINISHED)  # "open"


def queue(user, *, centre_id: int, tab: str, topic: str = "", language: str = "", age: int = 0):
    """One centre's requests the user sees, for one tab and the filters, newest first."""
    today = timezone.localdate()
    requests = (
        rules.visible_requests(user).filter(centre_id=centre_id).filter(tab_q(tab, user, today))
    )
    if topic:
        requests = requests.filter(topic=topic)
    if language:
        requests = requests.filter(language=language)
    if age:
        requests = requests.filter(created_at__lt=timezone.now() - timedelta(days=age))
    return requests.select_related("assignee", "region").order_by("-created_at", "-pk")


def tab_counts(user, *, centre_id: int) -> dict[str, int]:
    """How many requests each tab holds (one query)."""
    today = timezone.localdate()
    requests = rules.visible_requests(user).filter(centre_id=centre_id)
    return requests.aggregate(
        **{name: Count("pk", filter=tab_q(name, user, today)) for name, _label in TABS}
    )


def timeline(help_request, *, public: bool):
    """The request's messages with their files, oldest first; the requester's view has no notes
    and no internal changes."""
    messages = help_request.messages.select_related("author").prefetch_related("attachments")
    if public:
        messages = messages.filter(kind__in=PUBLIC_KINDS)
    return messages.order_by("created_at", "pk")


def request_by_token(token: str) -> HelpRequest | None:
    if not token or len(token) > 64:
        return None
    return HelpRequest.objects.select_related("centre").filter(token=token).first()


def figures(start, end) -> dict:
    """The period's figures without personal data: requests by topic, centre and month, the
    median time to a first answer (working days) and the share answered within the service
    level — of the requests whose answer is in or whose due day has passed (one received
    yesterday is not late yet). Anonymized requests count as any other."""
    rows = list(
        HelpRequest.objects.filter(created_at__date__range=(start, end)).values_list(
            "topic", "centre__name_ru", "created_at", "first_answered_at", "first_answer_due"
        )
    )
    by_topic, by_centre, by_month = Counter(), Counter(), Counter()
    waits, in_time, judged = [], 0, 0
    today = timezone.localdate()
    for topic, centre, created, answered, due in rows:
        by_topic[topic] += 1
        by_centre[centre] += 1
        by_month[timezone.localtime(created).strftime("%Y-%m")] += 1
        if answered is not None:
            waits.append(
                working_days_between(timezone.localdate(created), timezone.localdate(answered))
            )
            in_time += timezone.localdate(answered) <= due
            judged += 1
        elif due < today:
            judged += 1
    labels = dict(Topic.choices)
    return {
        "total": len(rows),
        "by_topic": [(labels[t], n) for t, n in by_topic.most_common()],
        "by_centre": sorted(by_centre.items()),
        "by_month": sorted(by_month.items()),
        "answered": len(waits),
        "median_days": median(waits) if waits else None,
        "in_time_share": round(100 * in_time / judged) if judged else None,
    }


def period_figures(start, end) -> list[tuple[str, object]]:
    """The help desk's lines of the Council's period report (no personal data)."""
    found = figures(start, end)
    lines = [(_("Help requests received"), found["total"])]
    lines += [(_("Help requests: %(topic)s") % {"topic": t}, n) for t, n in found["by_topic"]]
    lines += [(_("Help requests: %(centre)s") % {"centre": c}, n) for c, n in found["by_centre"]]
    if found["median_days"] is not None:
        lines.append((_("Median time to a first answer (working days)"), found["median_days"]))
    if found["in_time_share"] is not None:
        lines.append((_("Answered within the service level, %"), found["in_time_share"]))
    return lines


def knowledge_base(page) -> list[tuple[str, list]]:
    """The help desk page's live articles grouped by topic, in the topics' order:
    [(topic label, [articles])], topics without articles left out."""
    articles = list(ArticlePage.objects.child_of(page).live().public().order_by("path"))
    # An article not translated yet is an alias: it shows its source's language (one query).
    sources = dict(
        Page.objects.filter(pk__in=[a.alias_of_id for a in articles if a.alias_of_id]).values_list(
            "pk", "locale__language_code"
        )
    )
    by_topic: dict[str, list] = {}
    for article in articles:
        article.shown_language = sources.get(article.alias_of_id, page.locale.language_code)
        by_topic.setdefault(article.topic, []).append(article)
    return [(label, by_topic[value]) for value, label in Topic.choices if value in by_topic]


# -- Suggestions while a request is typed ---------------------------------------------------

# What a description is read for: its first words only, and no word that says nothing.
SUGGEST_TEXT_LENGTH = 500
SUGGEST_WORDS = 30
SUGGEST_MIN_WORD = 3
SUGGEST_SUMMARY_WORDS = 25
_STOP_WORDS_TEXT = """
    как что это где когда чтобы если или меня мне мой моя мои можно нужно надо есть был была было
    были будет его она они оно так уже еще ещё там тут вот все всё вас вам ваш для при над под без
    какой какая какое какие каких какую нужен нужна нужны который которая которые чем кто куда
    пожалуйста здравствуйте добрый день спасибо хочу могу может
    менен жана үчүн эмне кандай качан кайда мен сен биз силер алар бул ошол болот керек барбы
    деп дагы ооба жок саламатсызбы рахмат
    the and for with from that this what when where how can could would should have has had
    was were are you your please hello thanks want need there here about which who
"""
_SUGGEST_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def _meaningful_words(text: str) -> list[str]:
    words = words_of(search_words(text, max_length=SUGGEST_TEXT_LENGTH))
    kept = [w for w in words if len(w) >= SUGGEST_MIN_WORD and w not in _SUGGEST_STOP_WORDS]
    return list(dict.fromkeys(kept))[:SUGGEST_WORDS]


def _summary(text: str) -> str:
    """The entry's first sentence (the article's summary comes first), at most a few words."""
    first = text.split(". ", 1)[0].strip()
    if first and first != text.strip():
        first += "."
    return Truncator(first).words(SUGGEST_SUMMARY_WORDS)


def suggest_articles(text: str, language: str, limit: int = 3) -> list[dict]:
    """Knowledge-base articles in ``language`` that answer a description being typed: those
    holding ANY of its meaningful words (the site search's index, so stems match), the most
    words first, then those with the words in the title. [{title, url, summary}]."""
    words = _meaningful_words(text)
    page = index_page(HelpDeskPage, language)
    if not words or page is None or not page.url:
        return []
    per_word = [word_terms(word) for word in words]
    entries = SearchEntry.objects.filter(
        kind="page", language=language, url__startswith=page.url
    ).exclude(url=page.url)
    found: dict[int, dict[str, bool]] = {}  # entry → {term: in the title}
    rows = SearchTerm.objects.filter(
        term__in=set().union(*per_word), entry__in=entries.values("pk")
    ).values_list("entry_id", "term", "in_title")
    for entry_id, term, in_title in rows:
        found.setdefault(entry_id, {})[term] = in_title
    scores = []
    for entry_id, terms in found.items():
        matched = [word for word in per_word if word & terms.keys()]
        in_title = sum(1 for word in per_word if any(terms.get(term) for term in word))
        scores.append((-len(matched), -in_title, entry_id))
    best = [entry_id for *_score, entry_id in sorted(scores)[:limit]]
    shown = SearchEntry.objects.in_bulk(best)
    return [
        {
            "title": shown[pk].title,
            "lang": shown[pk].shown_language or language,
            "url": shown[pk].url,
            "summary": _summary(shown[pk].text),
        }
        for pk in best
        if pk in shown
    ]


def desk_count(user, tab: str) -> int:
    """How many of the user's centres' requests one tab holds (the desk's line: one query)."""
    return rules.visible_requests(user).filter(tab_q(tab, user, timezone.localdate())).count()
