"""Inspections that can be corrected and deleted: the place's condition always follows the
latest one left; the admin lets whoever may edit the place do it, with up to three photos."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from sovet.accounts.roles import Role
from sovet.core.images import check_image
from sovet.core.testing import assert_role_matrix, opens, page_text
from sovet.places import services
from sovet.places.models import Condition, Inspection, MemorialPlace, PlacePhoto

from .factories import (
    EDITOR_A,
    EDITOR_B,
    MANAGERS,
    MODERATOR,
    fake_jpeg,
    jpeg,
    stored_files,
)

INSPECTIONS = "/admin/places_inspection/"
RECORD = "/admin/places_inspection/new/"
TODAY = timezone.localdate


def edit_url(inspection):
    return f"/admin/places_inspection/edit/{inspection.pk}/"


def delete_url(inspection):
    return f"/admin/places_inspection/delete/{inspection.pk}/"


def record(place, days_ago, condition, **fields):
    return services.inspection_record(
        place, inspected_on=TODAY() - timedelta(days=days_ago), condition=condition, **fields
    )


def state(place):
    place.refresh_from_db()
    return place.condition, place.inspected_on


# --- Services ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_corrected_date_or_condition_moves_the_places_condition(two_places):
    users, place, _other = two_places
    moderator = users[MODERATOR]
    older = record(place, 30, Condition.GOOD)
    newer = record(place, 5, Condition.NEEDS_REPAIR)
    assert state(place) == (Condition.NEEDS_REPAIR, newer.inspected_on)
    # The older visit was in fact the latest: now it sets the condition.
    services.inspection_update(
        older, inspected_on=TODAY(), condition=Condition.CRITICAL, notes="Плита упала.",
        by=moderator,
    )  # fmt: skip
    assert state(place) == (Condition.CRITICAL, TODAY())
    older.refresh_from_db()
    assert older.notes == "Плита упала." and older.by is None  # who recorded it stays
    # The latest one mistyped: corrected, the place follows.
    services.inspection_update(
        older, inspected_on=TODAY(), condition=Condition.GOOD, notes="", by=moderator
    )
    assert state(place) == (Condition.GOOD, TODAY())


@pytest.mark.django_db
def test_deleting_the_latest_falls_back_and_deleting_the_only_one_forgets(two_places):
    users, place, _other = two_places
    older = record(place, 30, Condition.GOOD)
    newer = record(place, 5, Condition.CRITICAL)
    services.inspection_delete(newer, users[MODERATOR])
    assert state(place) == (Condition.GOOD, older.inspected_on)
    services.inspection_delete(older, users[MODERATOR])
    assert state(place) == (Condition.UNKNOWN, None)
    assert not Inspection.objects.exists()


@pytest.mark.django_db
def test_every_change_moves_the_places_updated_at(two_places):
    """The map's cached feed is keyed on the places' latest updated_at."""
    users, place, _other = two_places
    place.refresh_from_db()
    stamps = [place.updated_at]
    inspection = record(place, 3, Condition.GOOD)
    stamps.append(MemorialPlace.objects.get(pk=place.pk).updated_at)
    services.inspection_update(
        inspection,
        inspected_on=TODAY(),
        condition=Condition.CRITICAL,
        notes="",
        by=users[MODERATOR],
    )
    stamps.append(MemorialPlace.objects.get(pk=place.pk).updated_at)
    services.inspection_delete(inspection, users[MODERATOR])
    stamps.append(MemorialPlace.objects.get(pk=place.pk).updated_at)
    assert stamps == sorted(stamps) and len(set(stamps)) == 4


@pytest.mark.django_db
def test_a_correction_into_the_future_or_to_unknown_is_refused_and_changes_nothing(two_places):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.NEEDS_REPAIR, notes="Трещина.")
    before = state(place)
    with pytest.raises(ValidationError) as error:
        services.inspection_update(
            inspection, inspected_on=TODAY() + timedelta(days=1), condition=Condition.GOOD,
            notes="", by=users[MODERATOR],
        )  # fmt: skip
    assert error.value.error_dict["inspected_on"][0].code == "future"
    with pytest.raises(ValidationError) as error:
        services.inspection_update(
            inspection, inspected_on=TODAY(), condition=Condition.UNKNOWN, notes="",
            by=users[MODERATOR],
        )  # fmt: skip
    assert "condition" in error.value.error_dict
    assert state(place) == before
    stored = Inspection.objects.get(pk=inspection.pk)
    assert (stored.condition, stored.notes) == (Condition.NEEDS_REPAIR, "Трещина.")


@pytest.mark.django_db
def test_only_who_may_edit_the_place_corrects_or_deletes_its_inspections(two_places):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.GOOD)
    for name in (EDITOR_B, "member", "visitor", str(Role.HELPDESK_STAFF)):
        with pytest.raises(PermissionDenied):
            services.inspection_update(
                inspection, inspected_on=TODAY(), condition=Condition.CRITICAL, notes="",
                by=users[name],
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.inspection_delete(inspection, users[name])
    assert state(place) == (Condition.GOOD, inspection.inspected_on)
    services.inspection_update(
        inspection, inspected_on=TODAY(), condition=Condition.CRITICAL, notes="", by=users[EDITOR_A]
    )
    assert state(place) == (Condition.CRITICAL, TODAY())


# --- The admin -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_role_matrix(two_places, client):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.GOOD)
    editors = {EDITOR_A, EDITOR_B}
    mine = MANAGERS | {EDITOR_A}
    assert_role_matrix(
        users,
        {
            "inspections": (lambda u: opens(client, u, INSPECTIONS), MANAGERS | editors),
            "record an inspection": (lambda u: opens(client, u, RECORD), MANAGERS | editors),
            "correct the inspection": (lambda u: opens(client, u, edit_url(inspection)), mine),
            "delete the inspection": (lambda u: opens(client, u, delete_url(inspection)), mine),
            "its history": (
                lambda u: opens(client, u, f"/admin/places_inspection/history/{inspection.pk}/"),
                mine,
            ),
            "its usage": (
                lambda u: opens(client, u, f"/admin/places_inspection/usage/{inspection.pk}/"),
                mine,
            ),
        },
    )


@pytest.mark.django_db
def test_another_organizations_editor_cannot_correct_or_delete(two_places, client):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.GOOD)
    client.force_login(users[EDITOR_B])
    client.post(
        edit_url(inspection),
        {"inspected_on": TODAY().isoformat(), "condition": "critical", "notes": "Чужие руки"},
    )
    client.post(delete_url(inspection))
    inspection.refresh_from_db()
    assert inspection.condition == "good" and inspection.notes == ""
    assert state(place) == (Condition.GOOD, inspection.inspected_on)
    # Nor do they see it in the list.
    page = page_text(client.get(INSPECTIONS), "/admin/places_inspection/results/")
    assert "Обелиск землякам" not in page


@pytest.mark.django_db
def test_the_caretakers_editor_corrects_and_deletes_in_the_admin(two_places, client):
    users, place, other = two_places
    older = record(place, 30, Condition.GOOD)
    newer = record(place, 3, Condition.GOOD)
    client.force_login(users[EDITOR_A])
    assert edit_url(newer) in client.get(INSPECTIONS).content.decode()  # the list links to it
    form = client.get(edit_url(newer)).context["form"]
    assert form.fields["place"].disabled
    response = client.post(
        edit_url(newer),
        {"place": other.pk, "inspected_on": newer.inspected_on.isoformat(),
         "condition": "critical", "notes": "Скол на постаменте."},
    )  # fmt: skip
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.place == place and newer.condition == "critical"  # the place stays
    assert state(place) == (Condition.CRITICAL, newer.inspected_on)
    assert client.post(delete_url(newer)).status_code == 302
    assert not Inspection.objects.filter(pk=newer.pk).exists()
    assert state(place) == (Condition.GOOD, older.inspected_on)


@pytest.mark.django_db
def test_a_correction_into_the_future_keeps_what_was_typed(two_places, client):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.GOOD)
    client.force_login(users[EDITOR_A])
    tomorrow = TODAY() + timedelta(days=1)
    response = client.post(
        edit_url(inspection),
        {"inspected_on": tomorrow.isoformat(), "condition": "critical", "notes": "Надпись стёрта."},
    )
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("ru"):
        expected = str(services.INSPECTION_IN_FUTURE)
    assert "inspected_on" in form.errors and form["notes"].value() == "Надпись стёрта."
    assert expected in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.condition == "good" and state(place) == (
        Condition.GOOD,
        inspection.inspected_on,
    )


@pytest.mark.django_db
def test_photos_taken_at_an_inspection_are_dated_by_it_and_lose_their_gps(
    two_places, client, media
):
    users, place, _other = two_places
    client.force_login(users[EDITOR_A])
    day = TODAY() - timedelta(days=2)
    response = client.post(
        RECORD,
        {"place": place.pk, "inspected_on": day.isoformat(), "condition": "needs_repair",
         "notes": "Облупилась краска.", "photo_1": jpeg("front.jpg"), "caption_1": "Фасад",
         "photo_3": jpeg("side.jpg", size=(3000, 1000))},
    )  # fmt: skip
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    photos = list(PlacePhoto.objects.order_by("pk"))
    assert [(p.inspection, p.place, p.taken_on, p.caption) for p in photos] == [
        (inspection, place, day, "Фасад"),
        (inspection, place, day, ""),
    ]
    for photo in photos:
        with Image.open(photo.image.path) as image:
            assert image.format == "JPEG" and not image.getexif()
            assert max(image.size) <= 2000
        assert "front" not in photo.image.name and "side" not in photo.image.name
    assert (photos[1].width, photos[1].height) == (2000, 667)
    # The edit page shows them, with links to their own pages.
    page = client.get(edit_url(inspection)).content.decode()
    assert photos[0].thumbnail.url in page and f"/admin/places_photo/edit/{photos[0].pk}/" in page


@pytest.mark.django_db
def test_a_bad_photo_saves_nothing_and_keeps_what_was_typed(two_places, client, media):
    users, place, _other = two_places
    client.force_login(users[EDITOR_A])
    response = client.post(
        RECORD,
        {"place": place.pk, "inspected_on": TODAY().isoformat(), "condition": "critical",
         "notes": "Упала плита.", "photo_1": jpeg(), "caption_1": "Плита",
         "photo_2": fake_jpeg()},
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["photo_2"]
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        check_image(fake_jpeg())
    assert error.value.messages[0] in response.content.decode()
    assert form["notes"].value() == "Упала плита." and form["caption_1"].value() == "Плита"
    assert not Inspection.objects.exists() and not PlacePhoto.objects.exists()
    assert stored_files(media) == []
    assert state(place) == (Condition.UNKNOWN, None)


@pytest.mark.django_db
def test_a_future_inspection_with_good_photos_leaves_no_files(two_places, client, media):
    users, place, _other = two_places
    client.force_login(users[EDITOR_A])
    response = client.post(
        RECORD,
        {"place": place.pk, "inspected_on": (TODAY() + timedelta(days=3)).isoformat(),
         "condition": "good", "photo_1": jpeg(), "photo_2": jpeg()},
    )  # fmt: skip
    assert response.status_code == 200 and "inspected_on" in response.context["form"].errors
    assert not Inspection.objects.exists() and not PlacePhoto.objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_deleting_an_inspection_leaves_its_photos_with_the_place(two_places, client, media):
    users, place, _other = two_places
    inspection = record(place, 3, Condition.CRITICAL)
    services.inspection_photos_add(inspection, [(jpeg(), "До ремонта")])
    client.force_login(users[MODERATOR])
    assert client.post(delete_url(inspection)).status_code == 302
    photo = PlacePhoto.objects.get()
    assert photo.place == place and photo.inspection is None
    assert len(stored_files(media)) == 2


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_for_many_inspections(two_places, client):
    users, place, other = two_places
    client.force_login(users[MODERATOR])
    record(place, 1, Condition.GOOD, by=users[EDITOR_A])
    client.get(INSPECTIONS)  # warm the caches (site, settings, menus)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INSPECTIONS).status_code == 200
    for days in range(2, 12):
        record(place if days % 2 else other, days, Condition.GOOD, by=users[EDITOR_B])
    with CaptureQueriesContext(connection) as many:
        page = client.get(INSPECTIONS).content.decode()
    assert "Чужой бюст" in page
    assert len(many) == len(few)


@pytest.mark.django_db
def test_recording_from_the_places_list_still_works(two_places, client):
    """The places list links here with ?place=: the form opens with the place chosen."""
    users, place, _other = two_places
    client.force_login(users[EDITOR_A])
    form = client.get(RECORD, {"place": place.pk}).context["form"]
    assert form["place"].value() == str(place.pk)
    assert list(form.fields["place"].queryset) == [place]
    response = client.post(
        RECORD, {"place": place.pk, "inspected_on": "2024-05-01", "condition": "good"}
    )
    assert response.status_code == 302
    assert state(place) == (Condition.GOOD, date(2024, 5, 1))
