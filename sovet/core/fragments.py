"""Pieces of public pages worked out once per content version, not once per request.

The menu, the breadcrumbs, the language links, the way from an address to its page, the home
page's sections: each is the same for every visitor until something public changes, and
``core.page_cache.content_version()`` moves whenever it does. ``cached(name, *parts,
compute=…)`` keeps what ``compute()`` returns in the cache under a key carrying that version,
so nothing is ever deleted: a changed site reads new keys, and the old ones expire. ``parts``
must name everything the value depends on besides the content (the language, the page, the
host…); anything that changes with time alone takes ``seconds`` as well.

The version is read from the cache once per request; outside a request (a task, a command)
every call reads it afresh. ``FRAGMENT_CACHE = False`` (the tests' settings, which see every
change at once, as they do without the page cache) computes every piece every time.
"""

import hashlib
import operator
import time

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.utils.functional import SimpleLazyObject, new_method_proxy

from sovet.core import page_cache

KEY = "sovet:fragment:"
# Long enough to serve a quiet site from memory all day; a stale key is never read again anyway.
TIMEOUT = 24 * 60 * 60

_requests = Local()  # per thread and per async context, as Django's own connections


def version() -> int:
    """The content version, read once per request."""
    memo = getattr(_requests, "version", None)
    if memo is not None:
        return memo
    current = page_cache.content_version()
    if getattr(_requests, "active", False):
        _requests.version = current
    return current


def key(name: str, *parts) -> str:
    text = "\n".join([name, str(version()), *map(str, parts)])
    return KEY + name + ":" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def cached(
    name: str,
    *parts,
    compute,
    seconds: int | None = None,
    keep_none: bool = True,
    local_only: bool = False,
):
    """``compute()``, kept until the content changes (or for ``seconds``, when it also changes
    with time: "upcoming events" are past a few minutes later without anyone saving a thing).
    ``keep_none=False`` computes None again each time (for keys without end, such as addresses
    that lead nowhere). ``local_only=True`` keeps it in this process alone (objects not meant
    to be pickled, such as pages with their StreamFields); the caller must not change it."""
    if not settings.FRAGMENT_CACHE:
        return compute()
    if seconds:
        parts = (*parts, "t", int(time.time() // seconds))
    fragment_key = key(name, *parts)
    if _local_version[0] != version():
        forget_local()
    found = _local.get(fragment_key)
    if found is None:
        found = None if local_only else cache.get(fragment_key)
        if found is None:
            found = (compute(),)
            if found[0] is None and not keep_none:
                return None
            if not local_only:
                cache.set(fragment_key, found, seconds or TIMEOUT)
        _remember(fragment_key, found)
    return found[0]


# Each process keeps the pieces it has read, as long as the version stays: a page then reads
# the cache once (the version) rather than once per piece. Keys carry the version, so a piece
# is never read after a change made by any process; the store is emptied when the version moves
# (and when it grows past LOCAL_SIZE, for addresses without end).
LOCAL_SIZE = 2000
_local: dict = {}
_local_version = [None]


def _remember(fragment_key: str, value) -> None:
    if len(_local) >= LOCAL_SIZE:
        forget_local()
    _local[fragment_key] = value


def forget_local() -> None:
    """Empty this process's store (tests that clear the cache, and so the version, call it)."""
    _local.clear()
    _local_version[0] = version()


def _start(**kwargs) -> None:
    _requests.active = True
    _requests.version = None


def _finish(**kwargs) -> None:
    _requests.active = False
    _requests.version = None


def connect_signals() -> None:
    """Called once by the core app (apps.py): each request reads the version once."""
    request_started.connect(_start, dispatch_uid="sovet.core.fragments.start")
    request_finished.connect(_finish, dispatch_uid="sovet.core.fragments.finish")


class LazyNumber(SimpleLazyObject):
    """A count worked out when first read, which templates take for a number (``{%
    blocktranslate count %}``, comparisons, ``|number``): for views whose page keeps its
    markup (``{% fragment %}``), so that a kept page skips the counting."""

    __int__ = new_method_proxy(int)
    __index__ = new_method_proxy(operator.index)
    __float__ = new_method_proxy(float)
    __mod__ = new_method_proxy(operator.mod)
    __add__ = new_method_proxy(operator.add)
    __radd__ = new_method_proxy(lambda value, other: other + value)
    __sub__ = new_method_proxy(operator.sub)
    __le__ = new_method_proxy(operator.le)
    __ge__ = new_method_proxy(operator.ge)
    __format__ = new_method_proxy(format)
