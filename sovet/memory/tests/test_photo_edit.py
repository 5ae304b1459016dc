"""Moderators turn, crop and caption photos on cards; every stored JPEG stays free of EXIF."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sovet.accounts.roles import Role
from sovet.core.images import check_image, set_image_from_upload
from sovet.core.testing import assert_role_matrix
from sovet.memory.models import ModerationAction, ModerationLogEntry, Photo, WarParticipant

from .factories import CardFactory
from .test_merge import MODERATORS, staff, status_as  # noqa: F401 (a fixture)

GPS_IFD = 0x8825


def jpeg_with_exif(width=300, height=200) -> bytes:
    """A phone photo: EXIF with a camera model and a GPS position."""
    image = Image.new("RGB", (width, height), "navy")
    image.paste(Image.new("RGB", (width // 3, height // 4), "yellow"), (0, 0))
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # camera model
    exif[GPS_IFD] = {1: "N", 2: (42.0, 52.0, 0.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def stored(photo: Photo) -> Image.Image:
    with photo.image.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def assert_no_exif(photo: Photo) -> None:
    for field in (photo.image, photo.thumbnail):
        with field.open("rb") as file:
            image = Image.open(io.BytesIO(file.read()))
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info, field.name


@pytest.fixture
def photo(db):
    card = CardFactory(surname="Ким", given_name="Георгий")
    upload = SimpleUploadedFile("phone.jpg", jpeg_with_exif(), content_type="image/jpeg")
    photo = Photo(participant=card, caption="")
    set_image_from_upload(photo, check_image(upload))
    photo.save()
    return photo


def url(photo):
    return f"/admin/memory/photos/{photo.pk}/"


def edits_logged(photo) -> int:
    return ModerationLogEntry.objects.filter(
        action=ModerationAction.EDIT_PHOTO, participant=photo.participant_id
    ).count()


def test_the_photo_page_is_for_moderators_only(staff, client, photo):  # noqa: F811
    def turns(user):
        before = Photo.objects.get(pk=photo.pk).image.name
        status_as(client, user, "post", url(photo), {"action": "right"})
        return Photo.objects.get(pk=photo.pk).image.name != before

    assert_role_matrix(
        staff,
        {
            "photo page": (lambda u: status_as(client, u, "get", url(photo)) == 200, MODERATORS),
            "rotate POST": (turns, MODERATORS),
        },
    )
    client.force_login(staff[str(Role.COUNCIL_SECRETARY)])
    assert client.post(url(photo), {"action": "save", "caption": "x"}).status_code == 403
    assert Photo.objects.get(pk=photo.pk).caption == ""


def test_rotation_swaps_width_and_height_and_keeps_no_exif(client, moderator, photo):
    assert_no_exif(photo)  # the upload's EXIF is gone from the start
    client.force_login(moderator)
    page = client.get(url(photo)).content.decode()
    assert photo.image.url in page and 'value="left"' in page and 'value="half"' in page
    old_name = photo.image.name
    response = client.post(url(photo), {"action": "right"})
    assert response.status_code == 302 and response["Location"] == url(photo)
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (200, 300)
    assert stored(photo).size == (200, 300)
    # Turned clockwise: the yellow top-left corner is now at the top right.
    assert stored(photo).getpixel((195, 5))[2] < 100
    assert not photo.image.storage.exists(old_name)  # the old files are deleted
    assert_no_exif(photo)
    client.post(url(photo), {"action": "left"})
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (300, 200)
    client.post(url(photo), {"action": "half"})
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (300, 200)
    assert stored(photo).getpixel((295, 195))[2] < 100  # yellow: bottom right after 180°
    assert edits_logged(photo) == 3


def test_crop_keeps_the_part_between_the_edges(client, moderator, photo):
    client.force_login(moderator)
    response = client.post(
        url(photo), {"action": "crop", "left": "10", "top": "25", "right": "90", "bottom": "100"}
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (240, 150)
    assert stored(photo).size == (240, 150)
    assert_no_exif(photo)
    assert edits_logged(photo) == 1


@pytest.mark.parametrize(
    "edges",
    [
        {"left": "50", "top": "0", "right": "40", "bottom": "100"},  # left of the right edge
        {"left": "0", "top": "0", "right": "100", "bottom": "100"},  # the whole photo
        {"left": "-5", "top": "0", "right": "100", "bottom": "100"},
        {"left": "0", "top": "0", "right": "150", "bottom": "100"},
        {"left": "abc", "top": "0", "right": "100", "bottom": "100"},
        {"left": "0", "top": "0", "right": "1", "bottom": "1"},  # 3 × 2 pixels: too small
        {"top": "0", "right": "100", "bottom": "100"},
    ],
)
def test_bad_crops_change_nothing_and_say_why(client, moderator, photo, edges):
    client.force_login(moderator)
    before = (photo.image.name, photo.width, photo.height)
    response = client.post(url(photo), {"action": "crop", **edges})
    assert response.status_code == 400
    assert response.context["crop_form"].errors
    assert list(response.context["messages"])  # a message says the photo was not cropped
    photo.refresh_from_db()
    assert (photo.image.name, photo.width, photo.height) == before
    assert edits_logged(photo) == 0


def test_caption_and_visibility_update_the_cards_photo_flag(client, moderator, photo):
    client.force_login(moderator)
    card = photo.participant
    assert not WarParticipant.objects.get(pk=card.pk).has_photo
    response = client.post(
        url(photo), {"action": "save", "caption": "Фронт, 1943", "is_public": "on"}
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.is_public) == ("Фронт, 1943", True)
    assert WarParticipant.objects.get(pk=card.pk).has_photo
    client.post(url(photo), {"action": "save", "caption": "Фронт, 1943"})
    assert not WarParticipant.objects.get(pk=card.pk).has_photo
    assert edits_logged(photo) == 2
    too_long = client.post(url(photo), {"action": "save", "caption": "я" * 300})
    assert too_long.status_code == 400 and "caption" in too_long.context["form"].errors
    assert "я" * 300 in too_long.content.decode()  # what was typed stays in the form


def test_unknown_actions_and_missing_photos(client, moderator, photo):
    client.force_login(moderator)
    response = client.post(url(photo), {"action": "rotate-by-45"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (300, 200) and edits_logged(photo) == 0
    assert client.get("/admin/memory/photos/999999/").status_code in (302, 404)
