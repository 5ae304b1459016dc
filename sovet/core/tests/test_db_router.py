"""Reads from a replica, writes to the primary (core/db_router.py).

Which database a query goes to is decided before it runs (``QuerySet.db``), so these tests need
no replica database."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from sovet.core.db_router import PIN_COOKIE, ReplicaMiddleware, ReplicaRouter, _Request, _request

ROUTER = "sovet.core.db_router.ReplicaRouter"


@pytest.fixture
def replica(settings):
    settings.DATABASE_REPLICAS = ["replica"]
    settings.DATABASE_ROUTERS = [ROUTER]


@pytest.fixture
def in_request():
    """As ReplicaMiddleware marks a request; outside atomic blocks (pytest-django's own test
    transaction would otherwise send every read to the primary)."""
    token = _request.set(_Request())
    yield
    _request.reset(token)


@pytest.fixture
def no_atomic(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)


def users():
    return get_user_model().objects.all()


def test_without_a_replica_everything_uses_the_primary(settings, in_request, no_atomic):
    settings.DATABASE_ROUTERS = [ROUTER]
    assert users().db == "default"


def test_outside_a_request_everything_reads_from_the_primary(replica, no_atomic):
    # Commands, the worker, the shell: a task reads what the request that queued it wrote.
    assert users().db == "default"


def test_a_request_reads_from_the_replica_and_writes_to_the_primary(replica, in_request, no_atomic):
    assert users().db == "replica"
    assert ReplicaRouter().db_for_write(get_user_model()) == "default"


def test_after_a_write_the_request_reads_from_the_primary(replica, in_request, no_atomic):
    assert users().db == "replica"
    ReplicaRouter().db_for_write(get_user_model())
    assert users().db == "default"


@pytest.mark.django_db
def test_inside_transaction_atomic_reads_come_from_the_primary(replica, in_request, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    assert users().db == "replica"
    monkeypatch.undo()
    with transaction.atomic():
        assert users().db == "default"


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "accounts")
    assert not router.allow_migrate("replica", "accounts")


def middleware(view):
    return ReplicaMiddleware(view)


def test_a_request_that_wrote_pins_the_visitor_to_the_primary(replica, no_atomic):
    def post_view(request):
        assert users().db == "replica"
        ReplicaRouter().db_for_write(get_user_model())  # as Model.save() asks
        assert users().db == "default"
        return HttpResponse()

    response = middleware(post_view)(RequestFactory().post("/ru/contact/"))
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == 10
    assert pin["httponly"]

    # The redirect that follows, and anything in the next seconds, reads from the primary.
    seen = []

    def get_view(request):
        seen.append(users().db)
        return HttpResponse()

    request = RequestFactory().get("/ru/contact/thanks/")
    request.COOKIES[PIN_COOKIE] = "1"
    middleware(get_view)(request)
    middleware(get_view)(RequestFactory().get("/ru/contact/thanks/"))
    assert seen == ["default", "replica"]


def test_a_post_that_wrote_nothing_and_a_get_that_wrote_set_no_cookie(replica, no_atomic):
    def reads(request):
        users().db  # noqa: B018
        return HttpResponse()

    def writes(request):
        ReplicaRouter().db_for_write(get_user_model())
        return HttpResponse()

    assert PIN_COOKIE not in middleware(reads)(RequestFactory().post("/")).cookies
    # A GET stays cacheable (a cookie would keep it out of every cache); it pins only itself.
    assert PIN_COOKIE not in middleware(writes)(RequestFactory().get("/")).cookies


def test_a_replica_url_adds_the_replica_the_router_and_the_middleware_after_the_page_cache():
    from sovet.core.tests.test_settings_and_errors import run_django

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['replica']['HOST'], s.DATABASE_REPLICAS, s.DATABASE_ROUTERS, "
        "s.MIDDLEWARE[:2])"
    )
    result = run_django(
        {
            "SECRET_KEY": "x" * 60,
            "DATABASE_URL": "postgres://sovet@primary.internal/sovet",
            "DATABASE_REPLICA_URL": "postgres://sovet@replica.internal/sovet",
        },
        code,
    )
    assert result.stdout.strip() == (
        "replica.internal ['replica'] ['sovet.core.db_router.ReplicaRouter'] "
        "['sovet.core.page_cache.PageCacheMiddleware', 'sovet.core.db_router.ReplicaMiddleware']"
    ), result.stderr
