"""The page of a kind in a language (core.lookups.index_page) and its address (index_url), on
the places tests' site: the places page in Russian, aliased into Kyrgyz and English."""

from contextlib import contextmanager

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sovet.core.lookups import index_page, index_url
from sovet.memory.models import MemoryIndexPage
from sovet.places.models import PlacesIndexPage


def language_of(page):
    return page.locale.language_code if page else None


@contextmanager
def a_request():
    """The signals around a request, as the test client sends them: without closing the
    database connection, which holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize(("active", "found"), [("ru", "ru"), ("ky", "ky"), ("en", "en")])
def test_the_page_in_the_active_language(site, active, found):
    with translation.override(active):
        page = index_page(PlacesIndexPage)
    assert isinstance(page, PlacesIndexPage) and language_of(page) == found


@pytest.mark.django_db
def test_a_language_without_its_page_falls_back_to_russian_then_to_any(site):
    assert language_of(index_page(PlacesIndexPage, "de")) == "ru"
    PlacesIndexPage.objects.filter(locale__language_code="ky").update(live=False)
    assert language_of(index_page(PlacesIndexPage, "ky")) == "ru"
    PlacesIndexPage.objects.filter(locale__language_code="ru").update(live=False)
    assert language_of(index_page(PlacesIndexPage, "ky")) == "en"
    PlacesIndexPage.objects.update(live=False)
    assert index_page(PlacesIndexPage, "ru") is None


@pytest.mark.django_db
def test_one_query_per_kind_and_request_and_nothing_stale_after_it(site):
    with a_request(), CaptureQueriesContext(connection) as queries:
        for language in ("ru", "ky", "en", "ru", "ky"):
            assert language_of(index_page(PlacesIndexPage, language)) == language
        assert language_of(index_page(MemoryIndexPage, "ky")) == "ky"
    # One for the places pages, one for the archives.
    assert len(queries) == 2, [query["sql"] for query in queries.captured_queries]
    # Outside a request, every call reads afresh: a page taken down is not found any more.
    PlacesIndexPage.objects.filter(locale__language_code="ky").update(live=False)
    assert language_of(index_page(PlacesIndexPage, "ky")) == "ru"


@pytest.mark.django_db
def test_the_address_of_the_page_in_the_active_language_or_none(site, rf):
    with translation.override("ky"):
        page = index_page(PlacesIndexPage)
        assert index_url(PlacesIndexPage) == page.url == "/ky/memory/places/"
        request = rf.get("/")
        assert index_url(PlacesIndexPage, request) == page.get_url(request)
    PlacesIndexPage.objects.update(live=False)
    assert index_url(PlacesIndexPage) == ""
