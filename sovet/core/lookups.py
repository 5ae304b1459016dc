"""The page of a kind in a language: an app's index page (the calendar, the memory archive, the
places, the directory) for links from other apps' pages, template tags, hooks and e-mails.

`index_page(EventIndexPage)` is the live calendar in the active language, else in the site's
language, else any live one; `index_url(OrganizationIndexPage, request)` its address, for links;
`absolute_url(path)` an address for a QR code or an e-mail. All live pages of a kind are read in
one query, once per content version (core/fragments.py: many links on one page ask again and
again, and so does every request); outside a request (a task, a command) every call reads the
version afresh, so nothing stale outlives a change.
"""

from typing import TypeVar

from asgiref.local import Local
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.utils import translation
from wagtail.models import Page

from sovet.core import fragments

_requests = Local()  # per thread and per async context, as Django's own connections
P = TypeVar("P", bound=Page)


def index_page(page_type: type[P], language: str | None = None) -> P | None:
    """The live page of `page_type` in `language` (default: the active one), else in the
    site's language (Russian), else the first live one; None when there is none."""
    pages = _live(page_type)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    by_language = {}
    for page in pages:
        by_language.setdefault(page.locale.language_code, page)
    found = by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)
    return found or (pages[0] if pages else None)


def index_url(page_type: type[Page], request=None) -> str:
    """The address of `index_page(page_type)` as `Page.get_url` gives it (relative on a site of
    its own), or '' when there is none: the directory in the page's language, for links."""
    page = index_page(page_type)
    return page.get_url(request) if page else ""


def absolute_url(path: str) -> str:
    """An address that works away from the site (a printed QR code, an e-mail): the site's own
    address before a path; an address that is absolute already (a multi-site page) as it is."""
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def _live(page_type: type[Page]) -> list[Page]:
    cache = getattr(_requests, "pages", None)
    if cache is not None and page_type in cache:
        return cache[page_type]
    pages = fragments.cached(
        "live-pages",
        page_type._meta.label,
        compute=lambda: list(page_type.objects.live().select_related("locale").order_by("path")),
        local_only=True,
    )
    if cache is not None:
        cache[page_type] = pages
    return pages


def _start(**kwargs) -> None:
    _requests.pages = {}


def _finish(**kwargs) -> None:
    _requests.pages = None


def connect_signals() -> None:
    """Called once by the core app (apps.py): each request gets its own lookups."""
    request_started.connect(_start, dispatch_uid="sovet.core.lookups.start")
    request_finished.connect(_finish, dispatch_uid="sovet.core.lookups.finish")
