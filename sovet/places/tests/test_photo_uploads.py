"""A place's photo (the admin's, an inspection's) goes through core.images: a damaged EXIF is no
error, a decompression bomb is a clear error on the photo."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from sovet.core.tests.images import bomb_png, damaged_exif_jpeg, upload
from sovet.places import services

from .factories import make_place


@pytest.mark.django_db
def test_a_photo_with_damaged_exif_is_added_upright(site):
    photo = services.place_photo_add(
        make_place(), upload("photo.jpg", damaged_exif_jpeg()), taken_on=date(2024, 5, 9)
    )
    with Image.open(photo.image.path) as image:
        assert image.size == (20, 40)


@pytest.mark.django_db
def test_a_decompression_bomb_is_an_error_on_the_photo(site):
    place, bomb = make_place(), upload("photo.png", bomb_png(), "image/png")
    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            services.place_photo_add(place, bomb, taken_on=date(2024, 5, 9))
        assert "too many pixels" in " ".join(excinfo.value.message_dict["image"])
