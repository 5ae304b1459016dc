"""Wagtail's image add and multiple add go through core.images: a damaged EXIF is no error,
a decompression bomb is a form error and never decoded, and no path stores the raw file. The
admin speaks the staff's language: Russian here."""

import pytest
from django.urls import reverse
from PIL import Image, ImageFile
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff
from sovet.core.tests.images import bomb_png, damaged_exif_jpeg, gps_jpeg, has_gps, upload

ADD = "/admin/images/add/"
MULTIPLE_ADD = "/admin/images/multiple/add/"


@pytest.fixture
def secretary_client(client, db):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


def stored_bytes(field) -> bytes:
    with field.open("rb") as file:
        return file.read()


@pytest.mark.django_db
def test_a_photo_with_damaged_exif_is_added_upright_and_clean(secretary_client):
    photo = upload("photo.jpg", damaged_exif_jpeg())
    response = secretary_client.post(ADD, {"title": "Фото", "file": photo, "collection": 1})
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (20, 40)  # turned as the camera said
    with image.file.open() as file, Image.open(file) as stored:
        assert not stored.getexif()


@pytest.mark.django_db
def test_a_decompression_bomb_is_a_form_error_and_never_decoded(secretary_client, monkeypatch):
    bomb = upload("bomb.png", bomb_png(), "image/png")
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    response = secretary_client.post(ADD, {"title": "Бомба", "file": bomb, "collection": 1})
    assert response.status_code == 200
    assert "слишком много пикселей" in " ".join(response.context["form"].errors["file"])
    assert "Бомба" in response.content.decode()  # the title typed is kept
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_multiple_add_refuses_a_decompression_bomb(secretary_client):
    bomb = upload("bomb.png", bomb_png(), "image/png")
    response = secretary_client.post(MULTIPLE_ADD, {"files[]": bomb, "collection": 1})
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False and "слишком много пикселей" in answer["error_message"]
    assert not get_image_model().objects.exists() and not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_multiple_add_accepts_a_photo_with_damaged_exif(secretary_client):
    photo = upload("photo.jpg", damaged_exif_jpeg())
    response = secretary_client.post(MULTIPLE_ADD, {"files[]": photo, "collection": 1})
    assert response.status_code == 200 and response.json()["success"] is True
    assert (get_image_model().objects.get().width, get_image_model().objects.get().height) == (
        20,
        40,
    )


@pytest.mark.django_db
def test_multiple_add_never_stores_the_raw_file_even_when_another_field_fails(
    secretary_client,
):
    # Wagtail keeps the upload for later when another field is invalid (here the title, too
    # long), then makes the image from what it kept: both must be the clean copy.
    assert has_gps(gps_jpeg())
    photo = upload("IMG_0001.jpg", gps_jpeg())
    response = secretary_client.post(
        MULTIPLE_ADD, {"files[]": photo, "title": "Ф" * 300, "collection": 1}
    )
    assert response.status_code == 200 and response.json()["success"] is True
    kept = UploadedFile.objects.get()
    assert not has_gps(stored_bytes(kept.file))
    assert not get_image_model().objects.exists()

    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[kept.pk])
    prefix = f"uploaded-image-{kept.pk}"
    response = secretary_client.post(
        url, {f"{prefix}-title": "Фото", f"{prefix}-collection": 1, f"{prefix}-tags": ""}
    )
    assert response.status_code == 200 and response.json()["success"] is True, response.json()
    image = get_image_model().objects.get()
    assert image.title == "Фото" and not has_gps(stored_bytes(image.file))
