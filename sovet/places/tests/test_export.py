"""Open data of memorial places: GeoJSON by RFC 7946, and CSV."""

import csv
import io
import json
from decimal import Decimal

import pytest

from sovet.core.models import Region
from sovet.places import services
from sovet.places.models import MemorialPlace, PlacesIndexPage


@pytest.fixture
def places(demo):
    chui = Region.objects.get(code="chui")
    services.place_save(MemorialPlace(kind="plaque", name_ru="=HYPERLINK(\"x\")", region=chui,
                                      status="published"))  # fmt: skip
    services.place_save(MemorialPlace(kind="stele", name_ru="Черновик", region=chui,
                                      latitude=Decimal("42.9"), longitude=Decimal("74.6")))  # fmt: skip
    return PlacesIndexPage.objects.live().filter(locale__language_code="ru").first()


@pytest.mark.django_db
def test_geojson_follows_rfc_7946(client, places):
    response = client.get(f"{places.url}export/geojson/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and "crs" not in data  # §4: WGS84 only, no crs
    published = MemorialPlace.objects.filter(status="published", latitude__isnull=False)
    assert len(data["features"]) == published.count() > 5
    for feature in data["features"]:
        assert feature["type"] == "Feature" and set(feature) >= {"geometry", "properties"}
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        longitude, latitude = geometry["coordinates"]
        # §3.1.1: longitude first; every place is in Kyrgyzstan, so the order shows.
        assert 69 <= longitude <= 81 and 39 <= latitude <= 44
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        place = MemorialPlace.objects.get(pk=feature["id"])
        assert (latitude, longitude) == (float(place.latitude), float(place.longitude))
        assert feature["properties"]["url"].endswith(f"/memory/places/{place.pk}/")
    assert "Черновик" not in response.content.decode()


@pytest.mark.django_db
def test_csv_has_every_published_place_and_no_formulas(client, places):
    response = client.get(f"{places.url}export/csv/")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == MemorialPlace.objects.filter(status="published").count()
    assert '\'=HYPERLINK("x")' in [row["name_ru"] for row in rows]
    assert "Черновик" not in text
    assert client.post(f"{places.url}export/csv/").status_code == 405
