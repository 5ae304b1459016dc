"""Objects the places tests build: places, the editors of their caretakers, photos as phones take them."""

import io
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import ExifTags, Image

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.organizations.tests import factories as organizations
from sovet.places.models import MemorialPlace

EDITOR_A, EDITOR_B = "editor of the caretaker", "editor of another organization"
MODERATOR = str(Role.MEMORY_MODERATOR)
# Who keeps every place: the Council's staff and the memory archive's moderators.
MANAGERS = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR), MODERATOR}


def editors_of_two_organizations(users: dict) -> tuple:
    """Organizations A and B with EDITOR_A and EDITOR_B; staff with two-factor sign-in."""
    return organizations.editors_of_two_organizations(users, (EDITOR_A, EDITOR_B))


class PlaceFactory(DjangoModelFactory):
    """A published obelisk in the Chüy region; ``region_code`` names another region."""

    class Meta:
        model = MemorialPlace

    class Params:
        region_code = "chui"

    kind = "obelisk"
    name_ru = "Обелиск землякам"
    region = factory.LazyAttribute(lambda place: Region.objects.get(code=place.region_code))
    status = "published"


def make_place(name="Обелиск землякам", *, region="chui", **fields) -> MemorialPlace:
    """A PlaceFactory place by its name and its region's code, as the places tests write it."""
    return PlaceFactory(name_ru=name, region_code=region, **fields)


def jpeg(name="photo.jpg", size=(64, 48), gps=True) -> SimpleUploadedFile:
    """A phone's photo; with EXIF holding the GPS position of where it was taken."""
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (42.0, 52.0, 28.6),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (74.0, 34.0, 11.1),
        }
    buffer = io.BytesIO()
    Image.new("RGB", size, "gray").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_jpeg(name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 not a photo", content_type="image/jpeg")


def stored_files(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file())


def image_file(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
