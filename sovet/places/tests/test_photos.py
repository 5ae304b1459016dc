"""Dated photos of memorial places: a clean JPEG and a small copy under random names, no EXIF or
GPS, no date in the future, files removed with the photo; the admin for whoever may edit the
place."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from sovet.core.images import check_image
from sovet.core.testing import assert_role_matrix, opens
from sovet.core.tests.images import png_declaring
from sovet.places import services
from sovet.places.models import Condition, MemorialPlace, PlacePhoto, PlaceReport

from .factories import (
    EDITOR_A,
    EDITOR_B,
    MANAGERS,
    MODERATOR,
    fake_jpeg,
    jpeg,
    stored_files,
)

PHOTOS = "/admin/places_photo/"
ADD = "/admin/places_photo/new/"
TODAY = timezone.localdate


def edit_url(photo):
    return f"/admin/places_photo/edit/{photo.pk}/"


def delete_url(photo):
    return f"/admin/places_photo/delete/{photo.pk}/"


def add(place, upload=None, **fields):
    values = {"taken_on": TODAY() - timedelta(days=10), "caption": ""}
    values.update(fields)
    return services.place_photo_add(place, upload or jpeg(), **values)


def image_code(excinfo) -> str:
    return excinfo.value.error_dict["image"][0].code


# --- The services --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_photo_is_a_clean_jpeg_of_a_sensible_size_under_a_random_name(two_places, media):
    _users, place, _other = two_places
    photo = add(place, jpeg("IMG_2041 дом бабушки.jpg", size=(3000, 1500)), caption=" Обелиск ")
    photo.refresh_from_db()
    assert photo.caption == "Обелиск" and photo.place == place
    assert (photo.width, photo.height) == (2000, 1000)
    for field, side in ((photo.image, 2000), (photo.thumbnail, 400)):
        assert field.name.startswith("places/photos/") and "IMG" not in field.name
        with Image.open(field.path) as image:
            assert image.format == "JPEG" and max(image.size) == side
            assert not image.getexif()  # no camera, no GPS position
            assert "exif" not in image.info
    # A PNG becomes a JPEG too.
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (255, 0, 0, 128)).save(buffer, "PNG")
    png = add(place, SimpleUploadedFile("plan.png", buffer.getvalue()))
    with Image.open(png.image.path) as image:
        assert image.format == "JPEG" and image.size == (50, 40)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "code", "limits"),
    [
        (lambda: fake_jpeg(), "not_an_image", {}),
        (lambda: jpeg(size=(400, 400)), "too_large", {"UPLOAD_MAX_IMAGE_BYTES": 500}),
        (
            lambda: SimpleUploadedFile("bomb.png", png_declaring(60_000, 60_000)),
            "too_many_pixels",
            {},
        ),
        (lambda: jpeg(size=(300, 300)), "too_many_pixels", {"UPLOAD_MAX_IMAGE_PIXELS": 10_000}),
    ],
    ids=["fake JPEG", "too big", "decoding bomb", "too many pixels"],
)
def test_a_bad_photo_is_refused_and_nothing_is_kept(two_places, media, upload, code, limits):
    _users, place, _other = two_places
    with override_settings(**limits), pytest.raises(ValidationError) as error:
        add(place, upload())
    assert image_code(error) == code
    assert not PlacePhoto.objects.exists() and stored_files(media) == []


@pytest.mark.django_db
def test_a_photo_from_the_future_or_of_another_places_inspection_is_refused(two_places, media):
    _users, place, other = two_places
    with pytest.raises(ValidationError) as error:
        add(place, taken_on=TODAY() + timedelta(days=1))
    assert error.value.error_dict["taken_on"][0].code == "future"
    elsewhere = services.inspection_record(other, inspected_on=TODAY(), condition=Condition.GOOD)
    with pytest.raises(ValidationError) as error:
        add(place, inspection=elsewhere)
    assert "inspection" in error.value.error_dict
    assert not PlacePhoto.objects.exists() and stored_files(media) == []
    # Today and an unknown date are fine.
    assert add(place, taken_on=TODAY()).pk and add(place, taken_on=None).pk


@pytest.mark.django_db
def test_date_and_caption_are_corrected_but_not_into_the_future(two_places, media):
    _users, place, _other = two_places
    photo = add(place, caption="Старое")
    services.place_photo_update(photo, taken_on=TODAY(), caption="Новое ")
    photo.refresh_from_db()
    assert (photo.taken_on, photo.caption) == (TODAY(), "Новое")
    with pytest.raises(ValidationError):
        services.place_photo_update(photo, taken_on=TODAY() + timedelta(days=1), caption="")
    photo.refresh_from_db()
    assert (photo.taken_on, photo.caption) == (TODAY(), "Новое")


@pytest.mark.django_db
def test_deleting_a_photo_deletes_its_files_once_committed(
    two_places, media, django_capture_on_commit_callbacks
):
    _users, place, _other = two_places
    kept, gone = add(place), add(place)
    assert len(stored_files(media)) == 4
    with django_capture_on_commit_callbacks(execute=True):
        services.place_photo_delete(gone)
    assert list(PlacePhoto.objects.all()) == [kept]
    assert stored_files(media) == sorted(
        media / name for name in (kept.image.name, kept.thumbnail.name)
    )


@pytest.mark.django_db
def test_deleting_a_place_deletes_its_photos_and_reports_files(
    two_places, media, django_capture_on_commit_callbacks
):
    from sovet.core.images import set_image_from_upload

    _users, place, other = two_places
    add(place)
    kept = add(other)
    report = PlaceReport(place=place, kind="damage", description="Скол", reporter_email="a@b.kg")
    set_image_from_upload(report, check_image(jpeg()))
    report.save()
    assert len(stored_files(media)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        services.place_delete(place)
    assert not MemorialPlace.objects.filter(pk=place.pk).exists()
    assert stored_files(media) == sorted(
        media / name for name in (kept.image.name, kept.thumbnail.name)
    )


@pytest.mark.django_db
def test_photos_of_an_inspection_are_all_or_none(two_places, media):
    _users, place, _other = two_places
    inspection = services.inspection_record(place, inspected_on=TODAY(), condition=Condition.GOOD)
    with pytest.raises(ValidationError):
        services.inspection_photos_add(inspection, [(jpeg(), "Первая"), (fake_jpeg(), "")])
    assert not PlacePhoto.objects.exists() and stored_files(media) == []


# --- The admin -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_role_matrix(two_places, client, media):
    users, place, _other = two_places
    photo = add(place)
    editors = {EDITOR_A, EDITOR_B}
    mine = MANAGERS | {EDITOR_A}
    assert_role_matrix(
        users,
        {
            "photos": (lambda u: opens(client, u, PHOTOS), MANAGERS | editors),
            "add a photo": (lambda u: opens(client, u, ADD), MANAGERS | editors),
            "edit the photo": (lambda u: opens(client, u, edit_url(photo)), mine),
            "delete the photo": (lambda u: opens(client, u, delete_url(photo)), mine),
            "its history": (
                lambda u: opens(client, u, f"/admin/places_photo/history/{photo.pk}/"),
                mine,
            ),
        },
    )


@pytest.mark.django_db
def test_an_editor_adds_photos_of_their_places_only(two_places, client, media):
    users, place, other = two_places
    mine = services.inspection_record(place, inspected_on=TODAY(), condition=Condition.GOOD)
    theirs = services.inspection_record(other, inspected_on=TODAY(), condition=Condition.GOOD)
    client.force_login(users[EDITOR_A])
    form = client.get(ADD, {"place": place.pk}).context["form"]
    assert list(form.fields["place"].queryset) == [place]
    assert list(form.fields["inspection"].queryset) == [mine]
    assert form["place"].value() == str(place.pk)
    data = {"taken_on": TODAY().isoformat(), "caption": "Вид с дороги"}
    response = client.post(ADD, {**data, "place": other.pk, "upload": jpeg()})
    assert response.status_code == 200 and "place" in response.context["form"].errors
    response = client.post(
        ADD, {**data, "place": place.pk, "inspection": theirs.pk, "upload": jpeg()}
    )
    assert response.status_code == 200 and "inspection" in response.context["form"].errors
    assert not PlacePhoto.objects.exists() and stored_files(media) == []
    response = client.post(
        ADD, {**data, "place": place.pk, "inspection": mine.pk, "upload": jpeg()}
    )
    assert response.status_code == 302
    photo = PlacePhoto.objects.get()
    assert (photo.place, photo.inspection, photo.taken_on, photo.caption) == (
        place, mine, TODAY(), "Вид с дороги",
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["fake", "future"], ids=["fake JPEG", "date in the future"])
def test_a_bad_photo_in_the_admin_keeps_what_was_typed(two_places, client, media, bad):
    users, place, _other = two_places
    client.force_login(users[EDITOR_A])
    upload = fake_jpeg() if bad == "fake" else jpeg()
    day = TODAY() + timedelta(days=1 if bad == "future" else -1)
    response = client.post(
        ADD,
        {"place": place.pk, "taken_on": day.isoformat(), "caption": "Вид с дороги",
         "upload": upload},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    field = "upload" if bad == "fake" else "taken_on"
    assert list(form.errors) == [field]
    with translation.override("ru"):
        if bad == "fake":
            with pytest.raises(ValidationError) as error:
                check_image(fake_jpeg())
            expected = error.value.messages[0]
        else:
            expected = str(services.PHOTO_IN_FUTURE)
    assert expected in response.content.decode()
    assert form["caption"].value() == "Вид с дороги"
    assert not PlacePhoto.objects.exists() and stored_files(media) == []


@pytest.mark.django_db
def test_the_list_shows_thumbnails_filters_by_place_and_hides_other_places(
    two_places, client, media
):
    users, place, other = two_places
    here, there = add(place, caption="Здесь"), add(other, caption="Там")
    client.force_login(users[MODERATOR])
    page = client.get(PHOTOS).content.decode()
    assert here.thumbnail.url in page and there.thumbnail.url in page
    assert edit_url(here) in page and edit_url(there) in page
    page = client.get(PHOTOS, {"place": place.pk}).content.decode()
    assert here.thumbnail.url in page and there.thumbnail.url not in page
    client.force_login(users[EDITOR_A])
    response = client.get(PHOTOS)
    page = response.content.decode()
    assert here.thumbnail.url in page and there.thumbnail.url not in page
    # The filter offers only their places.
    choices = response.context["filters"].form.fields["place"].queryset
    assert list(choices) == [place]


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_for_many_photos(two_places, client, media):
    users, place, other = two_places
    inspection = services.inspection_record(place, inspected_on=TODAY(), condition=Condition.GOOD)
    client.force_login(users[MODERATOR])
    add(place, inspection=inspection)
    client.get(PHOTOS)  # warm the caches (site, settings, menus)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PHOTOS).status_code == 200
    for number in range(8):
        add(place if number % 2 else other, inspection=inspection if number % 2 else None)
    with CaptureQueriesContext(connection) as many:
        assert client.get(PHOTOS).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_caretakers_editor_recaptions_and_deletes(
    two_places, client, media, django_capture_on_commit_callbacks
):
    users, place, _other = two_places
    photo = add(place, caption="Было")
    client.force_login(users[EDITOR_A])
    page = client.get(edit_url(photo))
    assert set(page.context["form"].fields) == {"taken_on", "caption"}
    assert photo.thumbnail.url in page.content.decode()
    response = client.post(edit_url(photo), {"taken_on": TODAY().isoformat(), "caption": "Стало"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.taken_on, photo.caption) == (TODAY(), "Стало")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url(photo)).status_code == 302
    assert not PlacePhoto.objects.exists() and stored_files(media) == []


@pytest.mark.django_db
def test_another_organizations_editor_cannot_touch_the_photo(
    two_places, client, media, django_capture_on_commit_callbacks
):
    users, place, _other = two_places
    photo = add(place, caption="Было")
    client.force_login(users[EDITOR_B])
    client.post(edit_url(photo), {"taken_on": TODAY().isoformat(), "caption": "Чужое"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete_url(photo))
    photo.refresh_from_db()
    assert photo.caption == "Было" and len(stored_files(media)) == 2
