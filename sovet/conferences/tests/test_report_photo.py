"""A progress report's photo goes through core.images: a damaged EXIF is no error, a
decompression bomb is a clear error on the photo."""

import pytest
from django.utils import translation
from PIL import Image

from sovet.conferences.admin_views import ProgressReportForm
from sovet.core.tests.images import bomb_png, damaged_exif_jpeg, upload
from sovet.organizations.models import Organization
from sovet.organizations.tests.factories import make_organization


def form_with(photo) -> ProgressReportForm:
    organization = make_organization()
    return ProgressReportForm(
        {"organization": organization.pk, "text": "Сайт запущен.", "progress": "70"},
        {"photo": photo},
        organizations=Organization.objects.filter(pk=organization.pk),
    )


@pytest.mark.django_db
def test_a_photo_with_damaged_exif_is_accepted_upright():
    form = form_with(upload("photo.jpg", damaged_exif_jpeg()))
    assert form.is_valid(), form.errors
    with Image.open(form.cleaned_data["photo"]) as image:
        assert image.size == (20, 40) and not image.getexif()


@pytest.mark.django_db
def test_a_decompression_bomb_is_an_error_on_the_photo():
    with translation.override("en"):
        form = form_with(upload("photo.png", bomb_png(), "image/png"))
        assert not form.is_valid()
        assert "too many pixels" in " ".join(form.errors["photo"])
    assert list(form.errors) == ["photo"]
