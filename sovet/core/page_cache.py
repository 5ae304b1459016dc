"""What anonymous visitors are shown, kept ready, and forgotten the moment it changes.

Two version numbers decide whether a cached page or fragment is still good:

- the *content version* moves whenever anything the public site shows is saved or deleted: a page
  published, unpublished, moved or deleted, and a save of any model an app lists in its
  ``public_models`` hook (organizations, events, decisions, cards, places…). Every cached page and
  fragment carries it, so one move forgets them all: menus, lists and feeds show many things, and
  a list that shows a renamed organization is as stale as the organization's own page.
- a *path's version* moves when something shown on that one address changes without touching
  content (the seats left at an event after a registration): ``paths_changed([...])``.

Keys carry the versions, so nothing is deleted: a stale entry is never read again and expires. The
reverse proxy in front (Varnish, ``deploy/varnish/sovet.vcl``) is told the same through Wagtail's
``frontend_cache`` settings: a ``BAN`` of everything on a content change, a ``PURGE`` of a path
(with any query string) when a path changes.

``PageCacheMiddleware`` serves anonymous GETs from the cache: keyed by scheme, host, path, query
string, language and compression; never for a visitor with a session (signed in, or in the middle
of a form), never for a response that sets a cookie, used a CSRF token or says ``private`` or
``no-store`` (private links: ``core.public.private_page``).
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import cache
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)

CONTENT_KEY = "sovet:content-version"
PATH_KEY = "sovet:path-version:"
PAGE_KEY = "sovet:page:"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# -- Versions ---------------------------------------------------------------------------------


def content_version() -> int:
    """The current content version: part of every cached fragment's key (``{% cache %}``)."""
    store = _cache()
    version = store.get(CONTENT_KEY)
    if version is None:  # first use, or lost (Redis restarted): a new number, never an old one
        store.add(CONTENT_KEY, time.time_ns(), timeout=None)
        version = store.get(CONTENT_KEY)
    return version


def _bump(key: str) -> None:
    # The clock, not a counter: a version lost and set again can never meet an old entry's key.
    _cache().set(key, time.time_ns(), timeout=None)


def content_changed() -> None:
    """Forget every cached page and fragment, here and in the front caches. Runs after the
    transaction commits, so a page cached in between cannot hold the old content; once per
    transaction, however many rows it saved (an import of 10,000 places bans once)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        savepoints = set(connection.savepoint_ids)
        for queued_in, callback, _robust in connection.run_on_commit:
            if callback is _forget_all and queued_in == savepoints:
                return  # already queued at this level: rolled back with it, or run with it
    transaction.on_commit(_forget_all)


def _forget_all() -> None:
    _bump(CONTENT_KEY)
    for backend in get_backends().values():
        if hasattr(backend, "ban_all"):
            backend.ban_all()


def paths_changed(paths) -> None:
    """Forget the cached pages at these paths (with any query string), here and in front."""
    paths = [urlsplit(path).path for path in paths if path]

    def forget():
        for path in paths:
            _bump(PATH_KEY + path)
        for backend in get_backends().values():
            for path in paths:
                backend.purge(settings.SITE_URL + path)

    if paths:
        transaction.on_commit(forget)


# -- What moves the content version -------------------------------------------------------------

# Wagtail's own models the public pages show: where a page lives, who may see it, its pictures
# and documents, redirects.
WAGTAIL_PUBLIC_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailredirects.Redirect",
)


def public_models() -> list[tuple[type[models.Model], Callable]]:
    """(model, shown) for every model whose saves change public pages. An app's
    ``public_models`` hook returns models, or (model, shown) where ``shown(instance, created)``
    says whether this save can change what the public sees: a story just sent in waits for the
    moderators and changes nothing, so the drill's submissions do not empty the cache."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    found = [apps.get_model(label) for label in WAGTAIL_PUBLIC_MODELS]
    found += [get_image_model(), get_document_model()]
    for register in hooks.get_hooks("public_models"):
        found += register()
    return [entry if isinstance(entry, tuple) else (entry, _always) for entry in found]


def _always(instance, created: bool) -> bool:
    return True


@cache
def _watched() -> dict[type[models.Model], Callable]:
    return dict(public_models())


def _on_content_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:  # fixtures being loaded
        return
    shown = _watched().get(sender)
    if shown is not None and shown(instance, created):
        content_changed()


def _on_page_changed(sender, instance=None, **kwargs) -> None:
    content_changed()


def connect_signals() -> None:
    from wagtail.models import Page
    from wagtail.signals import post_page_move

    models.signals.post_save.connect(_on_content_saved, dispatch_uid="page_cache_save")
    models.signals.post_delete.connect(_on_content_saved, dispatch_uid="page_cache_delete")
    page_published.connect(_on_page_changed, dispatch_uid="page_cache_publish")
    page_unpublished.connect(_on_page_changed, dispatch_uid="page_cache_unpublish")
    post_page_move.connect(_on_page_changed, dispatch_uid="page_cache_move")
    models.signals.post_delete.connect(
        _on_page_changed, sender=Page, dispatch_uid="page_cache_page_delete"
    )


# -- The reverse proxy ----------------------------------------------------------------------------


class _Request(Request):
    def __init__(self, method: str, url: str, headers: dict):
        super().__init__(url, headers=headers)
        self._method = method

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purger, plus a ``BAN`` of everything on the site's host. Our VCL reads a
    ``PURGE`` of a path as "this path with any query string" (``?page=2``, ``?region=…``)."""

    def ban_all(self) -> None:
        host = urlsplit(settings.SITE_URL).netloc
        url = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        try:
            urlopen(_Request("BAN", url, {"Host": host}), timeout=5)  # noqa: S310 - our proxy
        except (URLError, OSError) as error:
            logger.error("Could not ban the front cache at %s: %s", url, error)


# -- Whole pages for anonymous visitors ---------------------------------------------------------


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not getattr(response, "_page_cache_skip", False)
    )


def _page_key(request, path_version: int, version: int) -> str:
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    language = get_language_from_request(request, check_path=True)
    parts = (
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        language,
        "gz" if gzip else "",
        str(version),
        str(path_version),
    )
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
    return PAGE_KEY + digest


class PageCacheMiddleware:
    """The outermost middleware: a page stored whole (with the security headers every other
    middleware added) is sent back without running any of them again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        store = _cache()
        versions = store.get_many([CONTENT_KEY, PATH_KEY + request.path])
        version = versions.get(CONTENT_KEY) or content_version()
        key = _page_key(request, versions.get(PATH_KEY + request.path, 0), version)
        response = store.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            if "Cache-Control" not in response:
                # Browsers ask again each time; shared caches (Varnish, a CDN) keep it a while.
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
                )
            response["X-Cache"] = "miss"
            store.set(key, response, seconds)
        return response


def skip_page_cache(response):
    """Keep this response out of the page cache (its content is someone's own)."""
    response._page_cache_skip = True
    return response
