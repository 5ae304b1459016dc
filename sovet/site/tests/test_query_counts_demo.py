"""Queries per public page type, on the demo: few, the same whatever the number of items listed,
and fewer again once the pieces kept per content version are there (core/fragments.py).

The test settings turn those pieces off (FRAGMENT_CACHE), so a page here is counted as the first
request after a change computes it; ``kept`` turns them on for the counts of a page read again.
bench/pages.py measures the same page types under load.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sovet.events.tests.factories import EventFactory
from sovet.memory.tests.factories import CardFactory
from sovet.organizations.tests.factories import OrganizationFactory
from sovet.places.tests.factories import PlaceFactory
from sovet.site.models import NewsIndexPage, NewsPage

# (page type, address or (index, pattern of a link on it), most queries computed, most kept)
PAGES = [
    ("home", "/ru/", 26, 1),
    ("home (en)", "/en/", 27, 1),
    ("standard page", "/ru/about/", 19, 1),
    ("news index", "/ru/news/", 22, 2),
    ("news page", ("/ru/news/", r"/ru/news/(?!feed/)[-\w]+/"), 20, 1),
    ("documents", "/ru/documents/", 22, 3),
    ("document", ("/ru/documents/", r"/ru/documents/\d+/"), 21, 5),
    ("contact", "/ru/contact/", 20, 2),
    ("site search", "/ru/search/?q=память", 20, 10),
    ("site map", "/ru/sitemap/", 14, 1),
    ("organizations", "/ru/organizations/", 24, 1),
    (
        "organization",
        ("/ru/organizations/", r"/ru/organizations/(?!map/|on-the-map/)[-\w]+/"),
        27,
        5,
    ),
    ("organizations map", "/ru/organizations/on-the-map/", 23, 1),
    ("council", "/ru/council/", 24, 1),
    ("conferences", "/ru/conferences/", 20, 1),
    ("conference XII", "/ru/conferences/xii/", 27, 6),
    ("events", "/ru/events/", 30, 1),
    ("events month", "/ru/events/?view=month", 26, 1),
    ("event", ("/ru/events/", r"/ru/events/\d+/"), 23, 2),
    ("campaign", ("/ru/events/", r"/ru/events/campaigns/[-\w]+/"), 22, 5),
    ("memory", "/ru/memory/", 27, 8),
    ("memory search", "/ru/memory/?q=Иванов", 29, 10),
    ("memory card", ("/ru/memory/", r"/ru/memory/\d+/"), 23, 5),
    ("story form", "/ru/memory/stories/new/", 19, 1),
    ("places", "/ru/memory/places/", 33, 5),
    ("place", ("/ru/memory/places/", r"/ru/memory/places/\d+/"), 28, 6),
    ("place report form", "/ru/memory/places/report/", 21, 1),
    ("help desk", "/ru/help/", 21, 4),
    ("help article", ("/ru/help/", r"/ru/help/(?!request/|suggest/|r/)[-\w]+/"), 17, 3),
    ("help request form", "/ru/help/request/", 20, 3),
    ("volunteers", "/ru/volunteers/", 21, 4),
    ("volunteer shift", ("/ru/volunteers/", r"/ru/volunteers/shifts/\d+/"), 18, 2),
    ("volunteer project", ("/ru/volunteers/", r"/ru/volunteers/projects/[-\w]+/"), 20, 4),
    ("initiatives", "/ru/volunteers/initiatives/", 21, 4),
    ("initiative", ("/ru/volunteers/initiatives/", r"/ru/volunteers/initiatives/\d+/"), 17, 2),
]


def address(client, spec) -> str:
    if isinstance(spec, str):
        return spec
    index, pattern = spec
    html = client.get(index).content.decode()
    found = [link for link in re.findall(r'href="([^"#?]+)"', html) if re.fullmatch(pattern, link)]
    assert found, f"no link like {pattern} on {index}"
    return found[0]


def count(client, url, django_assert_max_num_queries, most) -> int:
    with django_assert_max_num_queries(most) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "spec", "computed", "_kept"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_computed_takes_few_queries(
    demo, client, django_assert_max_num_queries, name, spec, computed, _kept
):
    url = address(client, spec)
    count(client, url, django_assert_max_num_queries, computed)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "spec", "_computed", "most"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_read_again_takes_fewer_queries(
    demo, client, django_assert_max_num_queries, kept, name, spec, _computed, most
):
    url = address(client, spec)
    client.get(url)  # the kept pieces are made
    first = count(client, url, django_assert_max_num_queries, most)
    assert count(client, url, django_assert_max_num_queries, most) == first


def add_news(n):
    index = NewsIndexPage.objects.get(locale__language_code="ru")
    for number in range(n):
        index.add_child(
            instance=NewsPage(
                title=f"Новость {number}",
                slug=f"bench-news-{number}-{NewsPage.objects.count()}",
                intro="Кратко.",
                date=timezone.localdate() - timedelta(days=number),
            )
        )


def add_events(n):
    for number in range(n):
        EventFactory(starts_at=timezone.now() + timedelta(days=number + 1, hours=1))


def add_organizations(n):
    OrganizationFactory.create_batch(n)


def add_places(n):
    PlaceFactory.create_batch(n)


def add_cards(n):
    for _ in range(n):
        CardFactory(surname="Иванов")


GROWING = [
    ("/ru/", add_news),
    ("/ru/", add_events),
    ("/ru/news/", add_news),
    ("/ru/events/", add_events),
    ("/ru/events/?view=month", add_events),
    ("/ru/organizations/", add_organizations),
    ("/ru/organizations/on-the-map/", add_organizations),
    ("/ru/memory/places/", add_places),
    ("/ru/memory/", add_cards),
    ("/ru/memory/?q=Иванов", add_cards),
    ("/ru/sitemap/", add_news),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "add"), GROWING, ids=[f"{url} {add.__name__}" for url, add in GROWING]
)
def test_a_list_takes_the_same_queries_for_n_items_or_3n(
    demo, client, django_assert_max_num_queries, url, add
):
    # Each count follows a first request: what the apps keep themselves until their data
    # changes (the places' filter counts, the current campaigns) is made again after an add.
    add(4)
    client.get(url)
    with django_assert_max_num_queries(100) as queries:
        assert client.get(url).status_code == 200
    few = len(queries)  # now: the next request empties the log it reads
    add(8)
    client.get(url)
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200
