"""The directory's map link opens a page (the map, and the organizations by region without it);
the GeoJSON stays at map/ for the map and for machines."""

import pytest

from sovet.core.testing import page_text
from sovet.organizations.models import Organization

TILE = "/static/places/blank-tile.png"


@pytest.mark.django_db
def test_the_directory_links_the_map_page_not_the_raw_file(demo, client):
    text = page_text(
        client.get("/ru/organizations/", {"region": "osh-city"}),
        '<a href="/ru/organizations/on-the-map/?region=osh-city">Организации на карте</a>',
        'href="/ru/organizations/map/?region=osh-city" download="organizations.geojson"',
    )
    assert '<a class="download-link" href="/ru/organizations/map/?region=osh-city">' not in text


@pytest.mark.django_db
def test_the_map_page_lists_organizations_by_region_without_the_map(demo, client, settings):
    settings.MAP_TILE_URL = ""
    osh = Organization.objects.get(name_ru="Центр правовой поддержки соотечественников в Оше")
    text = page_text(
        client.get("/ru/organizations/on-the-map/"),
        "<h1>Организации на карте</h1>",
        "Где они находятся, по регионам",
        f'href="/ru/organizations/{osh.slug}/"',
        'id="region-',
    )
    assert 'id="organizations-map"' not in text and "leaflet" not in text
    # The filters apply; a bad value drops that filter alone.
    in_osh = page_text(
        client.get("/en/organizations/on-the-map/", {"region": "osh-city"}), osh.name_en
    )
    assert "Batken" not in in_osh.split('id="by-region-title"')[1]
    assert client.get("/ru/organizations/on-the-map/", {"region": "atlantis"}).status_code == 200


@pytest.mark.django_db
def test_the_map_page_draws_the_map_from_the_geojson(demo, client, settings):
    settings.MAP_TILE_URL = TILE
    page_text(
        client.get("/ru/organizations/on-the-map/", {"type": "fund"}),
        'id="organizations-map"',
        'data-geojson="/ru/organizations/map/?type=fund"',
    )
    feed = client.get("/ru/organizations/map/", {"type": "fund"})
    assert feed["Content-Type"] == "application/geo+json"
