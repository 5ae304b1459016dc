"""Reads from a replica, writes to the primary: on when DATABASE_REPLICA_URL is set.

Only requests read from the replica, through ``ReplicaMiddleware``; management commands, the
worker and the shell read from the primary (a task must see what the request that queued it
wrote). Within a request, the primary answers:

- inside ``transaction.atomic`` (a read that decides a write sees the latest state);
- once the request has written (the router was asked where to write), for the rest of it;
- for a visitor who wrote in the last ``DATABASE_REPLICA_PIN_SECONDS`` (a short-lived cookie,
  set on the answer to a POST or other unsafe request that wrote), so they read their own change
  after the redirect however far the replica lags. Varnish passes requests with that cookie.

A GET that writes (bookkeeping such as a search hit) pins only itself: a cookie would keep the
page out of the caches.
"""

import contextvars
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "sovet_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


@dataclass
class _Request:
    pinned: bool = False
    wrote: bool = False


_request: contextvars.ContextVar[_Request | None] = contextvars.ContextVar(
    "sovet_db_request", default=None
)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _request.get()
        if (
            not settings.DATABASE_REPLICAS
            or state is None
            or state.pinned
            or state.wrote
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return random.choice(settings.DATABASE_REPLICAS)  # noqa: S311 - load spreading

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's data

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas get the schema by replication


class ReplicaMiddleware:
    """Marks the request for the router (after the page cache: a cached page reads nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Request(pinned=PIN_COOKIE in request.COOKIES)
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote and request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
