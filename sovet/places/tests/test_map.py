"""The map's feed: lean columns of the published places with coordinates that the list's filters
keep, built once per change of the places (cached, gzipped, revalidated by its ETag) in a
constant number of queries; and the name a popup asks for."""

import gzip
import html
import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sovet.organizations.tests.factories import make_organization
from sovet.places import services
from sovet.places.models import Condition
from sovet.places.views import MAP_CONDITIONS

from .factories import make_place

FEED = "/ru/memory/places/map/"
BISHKEK = {"latitude": Decimal("42.874621"), "longitude": Decimal("74.569762")}
NARYN = {"latitude": Decimal("41.428700"), "longitude": Decimal("75.991100")}


def places_of(response) -> dict[int, tuple]:
    """The feed's places: id → (longitude, latitude, condition)."""
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    feed = json.loads(body)
    ids, pk = [], 0
    for difference in feed["id"]:
        pk += difference
        ids.append(pk)
    return {
        pk: (longitude, latitude, feed["conditions"][condition])
        for pk, longitude, latitude, condition in zip(
            ids, feed["longitude"], feed["latitude"], feed["condition"], strict=True
        )
    }


@pytest.mark.django_db
def test_the_feed_is_lean_columns_rounded_and_gzipped(site, client):
    stele = make_place("Стела героям", condition="critical", **BISHKEK)
    obelisk = make_place("Обелиск землякам", condition="good", **NARYN)
    response = client.get(FEED, headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    feed = json.loads(gzip.decompress(response.content))
    assert set(feed) == {"conditions", "id", "longitude", "latitude", "condition"}
    assert feed["conditions"] == MAP_CONDITIONS == list(Condition.values)
    # Ids ascending, each as the difference from the one before; [longitude, latitude] to 5
    # decimals; no names: they are not needed to draw the map.
    assert feed["id"] == [stele.pk, obelisk.pk - stele.pk]
    assert places_of(response) == {
        stele.pk: (74.56976, 42.87462, "critical"),
        obelisk.pk: (75.9911, 41.4287, "good"),
    }
    assert "Стела" not in gzip.decompress(response.content).decode()
    # A client that does not take gzip gets the same feed, plain.
    plain = client.get(FEED)
    assert "Content-Encoding" not in plain
    assert places_of(plain) == places_of(response)


@pytest.mark.django_db
def test_drafts_and_places_without_coordinates_are_not_on_the_map(site, client):
    shown = make_place("Стела героям", **BISHKEK)
    make_place("Черновик памятника", status="draft", **BISHKEK)
    make_place("Доска без координат")
    assert list(places_of(client.get(FEED))) == [shown.pk]


@pytest.mark.django_db
def test_the_feed_keeps_the_lists_filters(site, client):
    caretaker = make_organization(name_ru="Союз соотечественниц")
    old = timezone.localdate() - timedelta(days=800)
    stele = make_place("Стела героям", condition="critical", inspected_on=old, **BISHKEK)
    obelisk = make_place(
        "Обелиск землякам", kind="war_memorial", region="naryn", condition="good",
        inspected_on=timezone.localdate(), caretaker=caretaker, **NARYN,
    )  # fmt: skip
    cases = {
        "condition=critical": [stele.pk],
        "region=naryn": [obelisk.pk],
        "kind=war_memorial": [obelisk.pk],
        f"caretaker={caretaker.slug}": [obelisk.pk],
        "q=стела": [stele.pk],
        "needs_visit=on": [stele.pk],
        "condition=good&region=chui": [],
        # A bad value is ignored, as in the list.
        "condition=ruined": [stele.pk, obelisk.pk],
    }
    for query, expected in cases.items():
        assert list(places_of(client.get(f"{FEED}?{query}"))) == expected, query


@pytest.mark.django_db
def test_the_feed_is_the_same_in_every_language(site, client):
    make_place("Стела героям", name_ky="Баатырлар стеласы", **BISHKEK)
    russian = client.get(FEED)
    for language in ("ky", "en"):
        other = client.get(f"/{language}/memory/places/map/")
        assert other.content == russian.content
        assert other["ETag"] == russian["ETag"]


@pytest.mark.django_db
def test_the_browser_revalidates_and_gets_304_until_places_change(site, client):
    place = make_place("Стела героям", condition="good", **BISHKEK)
    first = client.get(FEED)
    assert first["Cache-Control"] == "public, no-cache"  # kept, but asked again each time
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(FEED, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    # Another filter is another feed.
    filtered = client.get(f"{FEED}?condition=good", headers={"if-none-match": first["ETag"]})
    assert filtered.status_code == 200 and filtered["ETag"] != first["ETag"]

    services.inspection_record(place, inspected_on=date.today(), condition="critical")
    changed = client.get(FEED, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert places_of(changed)[place.pk][2] == "critical"


@pytest.mark.django_db
def test_the_cached_feed_follows_every_change_of_the_places(site, client):
    place = make_place("Стела героям", condition="good", **BISHKEK)
    assert places_of(client.get(FEED))[place.pk][2] == "good"
    # An inspection changes the condition (the colour of the marker).
    services.inspection_record(place, inspected_on=date.today(), condition="needs_repair")
    assert places_of(client.get(FEED))[place.pk][2] == "needs_repair"
    # The place moves, through the service that checks locations.
    place.refresh_from_db()
    place.latitude, place.longitude = NARYN["latitude"], NARYN["longitude"]
    services.place_save(place)
    assert places_of(client.get(FEED))[place.pk][:2] == (75.9911, 41.4287)
    # It is unpublished, then another is added, then one deleted.
    place.status = "draft"
    services.place_save(place)
    assert places_of(client.get(FEED)) == {}
    other = make_place("Обелиск землякам", **BISHKEK)
    assert list(places_of(client.get(FEED))) == [other.pk]
    other.delete()
    assert places_of(client.get(FEED)) == {}


@pytest.mark.django_db
def test_the_feed_takes_a_constant_number_of_queries(site, client):
    make_place("Стела героям", **BISHKEK)
    make_place("Обелиск землякам", **NARYN)
    with CaptureQueriesContext(connection) as built:
        client.get(FEED)
    with CaptureQueriesContext(connection) as cached:
        assert len(places_of(client.get(FEED))) == 2
    for number in range(30):
        make_place(f"Памятник {number}", **BISHKEK)
    with CaptureQueriesContext(connection) as built_again:
        assert len(places_of(client.get(FEED))) == 32
    with CaptureQueriesContext(connection) as cached_again:
        client.get(FEED)
    assert len(built_again) == len(built)
    assert len(cached_again) == len(cached) == len(built) - 1  # only the places' version


@pytest.mark.django_db
def test_a_popup_gets_the_name_in_the_readers_language(site, client):
    place = make_place("Стела героям", name_ky="Баатырлар стеласы", condition="critical", **BISHKEK)
    draft = make_place("Черновик памятника", status="draft", **BISHKEK)
    kyrgyz = client.get(f"/ky/memory/places/map/?place={place.pk}").json()
    assert kyrgyz == {
        "id": place.pk,
        "name": "Баатырлар стеласы",
        "lang": "ky",
        "condition": "critical",
        "url": f"/ky/memory/places/{place.pk}/",
    }
    # No English name: the Russian one, marked as Russian.
    english = client.get(f"/en/memory/places/map/?place={place.pk}").json()
    assert (english["name"], english["lang"]) == ("Стела героям", "ru")
    for bad in (draft.pk, 999999, "abc", "", "9" * 40):
        assert client.get(f"{FEED}?place={bad}").status_code == 404, bad


@pytest.mark.django_db
def test_the_list_links_the_feed_by_version_so_browsers_keep_it(site, client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    place = make_place("Стела героям", condition="good", **BISHKEK)

    def feed_link(query=""):
        page = client.get(f"/ru/memory/places/{query}").content.decode()
        found = re.search(r'data-feed="([^"]+)"', page)
        return html.unescape(found.group(1))

    link = feed_link()
    assert link.startswith(f"{FEED}?v=")
    response = client.get(link)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert list(places_of(response)) == [place.pk]
    # The filters are in the address, and only their places in the feed.
    assert list(places_of(client.get(feed_link("?condition=critical&page=2")))) == []
    assert "condition=critical" in feed_link("?condition=critical")
    # A new condition is a new address; the old one is no longer kept for good.
    services.inspection_record(place, inspected_on=date.today(), condition="critical")
    assert feed_link() != link
    stale = client.get(link)
    assert stale["Cache-Control"] == "public, no-cache"
    assert places_of(stale)[place.pk][2] == "critical"
