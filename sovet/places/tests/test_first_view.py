"""The map's first view, sent inside the list page so the map is usable before its feed arrives:
the zooms Leaflet opens the map at, the same greedy clusters as map.js, the list's filters, and
kept until the places change."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.places import overview, services

from .factories import make_place

LIST = "/ru/memory/places/"
TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
# The country's corners (west, south, east, north), projected as overview.fit_zoom takes them.
WEST, SOUTH, EAST, NORTH = 69.25, 39.17, 80.29, 43.27
KYRGYZSTAN = (*overview.project(WEST, NORTH), *overview.project(EAST, SOUTH))


def first_view_of(response) -> dict:
    found = re.search(
        r'<script id="places-first-view" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(found.group(1))


def test_the_first_view_opens_at_the_zoom_leaflet_fits_the_places_to():
    # A phone's map (412 px wide, 360 tall) shows the country at zoom 5, a laptop's at 6
    # (its 480 px height is the limit), however wide.
    assert overview.fit_zoom(KYRGYZSTAN, 372, 360) == 5
    assert overview.fit_zoom(KYRGYZSTAN, 1000, 480) == 6
    assert overview.fit_zoom(KYRGYZSTAN, 1200, 480) == 6
    # One region is closer; one place (no extent) at the most the first view zooms in: 12.
    bishkek = (*overview.project(74.4, 42.95), *overview.project(74.75, 42.8))
    assert overview.fit_zoom(bishkek, 372, 360) == 10
    point = (*overview.project(74.5, 42.8), *overview.project(74.5, 42.8))
    assert overview.fit_zoom(point, 372, 360) == overview.FIT_MAX_ZOOM
    # Never wider than the map's smallest zoom.
    world = (*overview.project(-170, 80), *overview.project(170, -80))
    assert overview.fit_zoom(world, 372, 360) == overview.MIN_ZOOM


def test_places_within_sixty_pixels_make_one_cluster_in_the_order_given():
    # About 100 m apart in Bishkek, then Osh 300 km away.
    points = [
        overview.project(74.5698, 42.8746),
        overview.project(74.5710, 42.8746),
        overview.project(72.7985, 40.5283),
    ]
    at_6 = overview.clusters_at(points, 6)
    assert [cluster["members"] for cluster in at_6] == [[0, 1], [2]]
    # At zoom 17 the two are ≈ 250 px apart: each on its own.
    assert [cluster["members"] for cluster in overview.clusters_at(points, 17)] == [[0], [1], [2]]


def test_a_place_joins_the_first_cluster_it_is_near_not_the_nearest():
    # As map.js: the clusters are tried in the order they were made.
    scale = overview.TILE * 2**10 / overview.RADIUS
    first, second, between = (0.5, 0.5), (0.5 + 1.5 / scale, 0.5), (0.5 + 0.9 / scale, 0.5)
    clusters = overview.clusters_at([first, second, between], 10)
    assert [cluster["members"] for cluster in clusters] == [[0, 2], [1]]


def test_the_first_view_holds_lone_places_and_clusters_with_their_bounds():
    rows = [
        (3, 74.5698, 42.8746, "critical"),
        (7, 74.571, 42.8749, "good"),
        (9, 72.7985, 40.5283, "needs_repair"),
    ]
    view = overview.first_view(rows)
    assert view["bounds"] == [72.7985, 40.5283, 74.571, 42.8749]
    assert list(view["zooms"]) == [7]  # the two cities fit a phone and a laptop at 7
    bishkek, osh = view["zooms"][7]
    assert osh == {"id": 9, "at": [72.7985, 40.5283], "condition": "needs_repair"}
    assert bishkek["count"] == 2 and bishkek["first"] == 3
    assert bishkek["bounds"] == [74.5698, 42.8746, 74.571, 42.8749]
    west, south, east, north = bishkek["bounds"]
    assert west < bishkek["at"][0] < east and south < bishkek["at"][1] < north
    assert overview.first_view([]) == {}


def test_the_first_view_covers_a_few_zooms_at_most():
    # Places spread along a line: every screen size fits them at a different zoom.
    rows = [(n, 70 + n / 100, 41.0, "good") for n in range(1, 1000)]
    assert len(overview.first_view(rows)["zooms"]) <= overview.MOST_ZOOMS


@pytest.mark.django_db
def test_the_list_page_carries_the_first_view_of_its_filters(site, client, settings):
    settings.MAP_TILE_URL = TILES
    bishkek = {"latitude": Decimal("42.874621"), "longitude": Decimal("74.569762")}
    stele = make_place("Стела героям", condition="critical", **bishkek)
    obelisk = make_place(
        "Обелиск", condition="good", latitude=Decimal("40.5283"), longitude=Decimal("72.7985")
    )
    make_place("Черновик", status="draft", **bishkek)
    make_place("Без координат")
    response = client.get(LIST)
    # What the map waits for is asked for with the headers, before the page is read.
    assert "/static/vendor/leaflet/leaflet.js>; rel=preload; as=script" in response["Link"]
    view = first_view_of(response)
    lone = [entry for entries in view["zooms"].values() for entry in entries]
    assert {entry["id"] for entry in lone} == {stele.pk, obelisk.pk}
    # Rounded as the feed is; no names (the popup asks for them).
    assert {"id": stele.pk, "at": [74.56976, 42.87462], "condition": "critical"} in lone
    assert "Стела" not in json.dumps(view, ensure_ascii=False)
    critical = first_view_of(client.get(LIST, {"condition": "critical"}))
    assert critical["bounds"] == [74.56976, 42.87462, 74.56976, 42.87462]
    assert first_view_of(client.get(LIST, {"kind": "grave"})) == {}
    # A change of the places is a new first view.
    services.inspection_record(stele, inspected_on=date.today(), condition="good")
    assert {"id": stele.pk, "at": [74.56976, 42.87462], "condition": "good"} in [
        entry for entries in first_view_of(client.get(LIST))["zooms"].values() for entry in entries
    ]


@pytest.mark.django_db
def test_the_first_view_is_made_once_per_change_of_the_places(site, client, settings):
    settings.MAP_TILE_URL = TILES
    make_place("Стела героям", latitude=Decimal("42.87"), longitude=Decimal("74.57"))
    client.get(LIST)
    with CaptureQueriesContext(connection) as made:
        make_place("Обелиск", latitude=Decimal("40.52"), longitude=Decimal("72.79"))
        client.get(LIST)
    with CaptureQueriesContext(connection) as kept:
        client.get(LIST)
    first_view_query = [q for q in made if '"longitude" AS "longitude"' in q["sql"]]
    assert len(first_view_query) == 1
    assert len(kept) < len(made) - 1
    assert not [q for q in kept if q["sql"] == first_view_query[0]["sql"]]


@pytest.mark.django_db
def test_without_map_tiles_there_is_no_map_and_no_first_view(site, client, settings):
    settings.MAP_TILE_URL = ""
    make_place("Стела героям", latitude=Decimal("42.87"), longitude=Decimal("74.57"))
    response = client.get(LIST)
    page = response.content.decode()
    assert "places-first-view" not in page and 'id="places-map"' not in page
    assert not response.has_header("Link")
