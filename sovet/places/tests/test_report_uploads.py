"""The report form's photo goes through core.images: a damaged EXIF is no error, a decompression
bomb is a clear error that keeps what was typed, and over the rate limit no image is opened."""

from decimal import Decimal

import pytest
from django.utils import translation
from PIL import Image, ImageFile

from sovet.core.tests.images import bomb_png, damaged_exif_jpeg, gps_jpeg, upload
from sovet.places.models import PlaceReport

from .factories import make_place

TYPED = {
    "kind": "damage",
    "description": "Плита треснула, буквы не читаются.",
    "latitude": "",
    "longitude": "",
    "reporter_name": "Анна",
    "reporter_email": "anna@example.org",
}


@pytest.fixture
def place(site):
    return make_place("Обелиск землякам")


def send(client, place, **changes):
    return client.post(f"/en/memory/places/{place.pk}/report/", {**TYPED, **changes})


@pytest.mark.django_db
def test_a_photo_with_damaged_exif_is_accepted(place, client):
    response = send(client, place, photo=upload("plate.jpg", damaged_exif_jpeg()))
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    with Image.open(report.image.path) as image:
        assert image.size == (20, 40)  # turned as the camera said
    assert report.latitude is None  # no GPS in it, and none invented


@pytest.mark.django_db
def test_a_decompression_bomb_is_a_form_error_never_decoded(place, client, monkeypatch):
    bomb = upload("plate.png", bomb_png(), "image/png")
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with translation.override("en"):
        response = send(client, place, photo=bomb)
    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["form"].errors["photo"])
    assert response.context["photo_lost"]
    assert TYPED["description"] in response.content.decode()
    assert not PlaceReport.objects.exists()


@pytest.mark.django_db
def test_the_location_is_still_read_from_a_good_photo(site, client):
    response = client.post(
        "/en/memory/places/report/",
        {**TYPED, "kind": "missing_place", "photo": upload("plate.jpg", gps_jpeg())},
    )
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    assert (report.latitude, report.longitude) == (Decimal("42.874611"), Decimal("74.569750"))


@pytest.mark.django_db
def test_over_the_rate_limit_no_image_is_opened(place, client, monkeypatch):
    for _ in range(5):  # views.REPORT_LIMIT
        assert send(client, place, description="").status_code == 200  # refused, but counted
    photo = upload("plate.jpg", gps_jpeg())
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("an image was opened"))
    response = send(client, place, photo=photo, description="Шестой")
    assert response.status_code == 429
    assert "Too many reports" in " ".join(response.context["form"].non_field_errors())
    assert "Шестой" in response.content.decode() and response.context["photo_lost"]
    assert not PlaceReport.objects.exists()
