"""The staff admin for memorial places: moderators and the Council keep every place, an
organization's editors the places it looks after; saving goes through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.core.testing import assert_role_matrix, opens, page_text
from sovet.memory.tests.factories import CardFactory
from sovet.places import rules
from sovet.places.models import Inspection, MemorialPlace

from .factories import EDITOR_A, EDITOR_B, make_place

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
MODERATOR = str(Role.MEMORY_MODERATOR)
MANAGERS = {SECRETARY, ADMINISTRATOR, MODERATOR}
LIST = "/admin/places_place/"
ADD = "/admin/places_place/new/"
INSPECTIONS = "/admin/places_inspection/"
RECORD = "/admin/places_inspection/new/"


def edit_url(place):
    return f"/admin/places_place/edit/{place.pk}/"


def form_data(place=None, **changes):
    """Every field of the place form, as a browser posts it."""
    data = {
        "name_ru": place.name_ru if place else "Новая стела", "name_ky": "", "name_en": "",
        "kind": place.kind if place else "stele", "status": place.status if place else "published",
        "address": "", "region": place.region_id if place else Region.objects.get(code="talas").pk,
        "latitude": "", "longitude": "", "description": "", "history": "", "year_erected": "",
        "architect": "", "participants": "", "unnamed_count": "",
        "caretaker": (place.caretaker_id or "") if place else "",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.django_db
def test_places_rules_matrix(world):
    users, _a, _b, place = world
    orphan = make_place("Могила", kind="grave", region=place.region.code)
    assert_role_matrix(
        users,
        {
            "manage places": (rules.can_manage_places, MANAGERS),
            "edit the caretaker's place": (
                lambda u: rules.can_edit_place(u, place),
                MANAGERS | {EDITOR_A},
            ),
            "edit a place nobody looks after": (
                lambda u: rules.can_edit_place(u, orphan),
                MANAGERS,
            ),
            "the place is in their list": (
                lambda u: (
                    rules.editable_places(u, MemorialPlace.objects.all())
                    .filter(pk=place.pk)
                    .exists()
                ),
                MANAGERS | {EDITOR_A},
            ),
            "publish places": (rules.can_publish_place, MANAGERS),
        },
    )


@pytest.mark.django_db
def test_admin_role_matrix(world, client):
    users, _a, _b, place = world
    editors = {EDITOR_A, EDITOR_B}
    assert_role_matrix(
        users,
        {
            "places list": (lambda u: opens(client, u, LIST), MANAGERS | editors),
            "add a place": (lambda u: opens(client, u, ADD), MANAGERS | editors),
            "edit the place": (lambda u: opens(client, u, edit_url(place)), MANAGERS | {EDITOR_A}),
            "the place's history": (
                lambda u: opens(client, u, f"/admin/places_place/history/{place.pk}/"),
                MANAGERS | {EDITOR_A},
            ),
            "delete the place": (
                lambda u: opens(client, u, f"/admin/places_place/delete/{place.pk}/"),
                MANAGERS,
            ),
            "inspections": (lambda u: opens(client, u, INSPECTIONS), MANAGERS | editors),
            "record an inspection": (lambda u: opens(client, u, RECORD), MANAGERS | editors),
        },
    )


@pytest.mark.django_db
def test_editor_lists_only_their_organizations_places(world, client):
    users, _a, b, _place = world
    make_place("Чужой бюст", kind="bust", region="osh", caretaker=b, status="draft")
    client.force_login(users[EDITOR_A])
    page = page_text(client.get(LIST), "Обелиск землякам")
    assert "Обелиск землякам" in page and "Чужой бюст" not in page
    client.force_login(users[MODERATOR])
    page = client.get(LIST).content.decode()
    assert "Обелиск землякам" in page and "Чужой бюст" in page


@pytest.mark.django_db
def test_each_place_in_the_list_links_its_inspections_and_photos(world, client):
    users, _a, _b, place = world
    client.force_login(users[EDITOR_A])
    page = client.get(LIST).content.decode()
    for link in (RECORD, "/admin/places_photo/new/", "/admin/places_photo/"):
        assert f'href="{link}?place={place.pk}"' in page, link
    # The form opens with the place chosen.
    form = client.get(f"/admin/places_photo/new/?place={place.pk}").context["form"]
    assert str(form.initial["place"]) == str(place.pk)


@pytest.mark.django_db
def test_another_organizations_editor_cannot_change_or_delete_the_place(world, client):
    users, _a, _b, place = world
    client.force_login(users[EDITOR_B])
    client.post(edit_url(place), form_data(place, name_ru="Захвачено"))
    client.post(f"/admin/places_place/delete/{place.pk}/")
    place.refresh_from_db()
    assert place.name_ru == "Обелиск землякам"
    client.force_login(users[EDITOR_A])
    client.post(f"/admin/places_place/delete/{place.pk}/")  # editors do not delete either
    assert MemorialPlace.objects.filter(pk=place.pk).exists()


@pytest.mark.django_db
def test_editor_adds_a_draft_place_for_their_organization_only(world, client):
    users, a, b, _place = world
    client.force_login(users[EDITOR_A])
    form = client.get(ADD).context["form"]
    assert list(form.fields["caretaker"].queryset) == [a]
    assert "status" not in form.fields
    response = client.post(ADD, form_data(name_ru="Чужими руками", caretaker=b.pk))
    assert response.status_code == 200 and "caretaker" in response.context["form"].errors
    response = client.post(ADD, form_data(name_ru="Без хозяина", caretaker=""))
    assert response.status_code == 200 and "caretaker" in response.context["form"].errors
    response = client.post(ADD, form_data(name_ru="Своя стела", caretaker=a.pk))
    assert response.status_code == 302
    place = MemorialPlace.objects.get(name_ru="Своя стела")
    assert place.caretaker == a and place.status == "draft"  # a moderator publishes it


@pytest.mark.django_db
def test_saving_checks_the_coordinates_and_keeps_what_was_typed(world, client):
    users, _a, _b, place = world
    client.force_login(users[MODERATOR])
    swapped = form_data(place, latitude="74.6", longitude="42.87", address="ул. Ленина, 5")
    response = client.post(edit_url(place), swapped)
    assert response.status_code == 200
    form = response.context["form"]
    assert "latitude" in form.errors and form["address"].value() == "ул. Ленина, 5"
    place.refresh_from_db()
    assert place.latitude is None and place.address == ""
    response = client.post(edit_url(place), form_data(place, latitude="42.87", longitude="74.6"))
    assert response.status_code == 302
    place.refresh_from_db()
    assert str(place.latitude) == "42.870000"


@pytest.mark.django_db
def test_people_are_chosen_by_card_number(world, client):
    users, _a, _b, place = world
    first, second = CardFactory(surname="Асанов"), CardFactory(surname="Петров")
    client.force_login(users[EDITOR_A])
    response = client.post(edit_url(place), form_data(place, participants=f"{first.pk}, abc"))
    assert response.status_code == 200 and "participants" in response.context["form"].errors
    response = client.post(edit_url(place), form_data(place, participants="999999"))
    assert response.status_code == 200 and "participants" in response.context["form"].errors
    numbers = f"{first.pk}\n{second.pk}"
    assert client.post(edit_url(place), form_data(place, participants=numbers)).status_code == 302
    assert set(place.participants.all()) == {first, second}
    page = client.get(edit_url(place)).content.decode()
    assert f"Асанов ({first.pk})" in page  # the people chosen are named


@pytest.mark.django_db
def test_recording_an_inspection_sets_the_places_condition(world, client):
    users, _a, _b, place = world
    client.force_login(users[EDITOR_A])
    form = client.get(RECORD, {"place": place.pk}).context["form"]
    assert form["place"].value() == str(place.pk)
    day = timezone.localdate() - timedelta(days=3)
    response = client.post(
        RECORD, {"place": place.pk, "inspected_on": day.isoformat(), "condition": "critical",
                 "notes": "Упала плита."}
    )  # fmt: skip
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.condition, place.inspected_on) == ("critical", day)
    inspection = Inspection.objects.get(place=place)
    assert inspection.by == users[EDITOR_A] and inspection.notes == "Упала плита."
    # An older visit is history: the latest still sets the condition.
    client.post(RECORD, {"place": place.pk, "inspected_on": "2020-05-01", "condition": "good"})
    place.refresh_from_db()
    assert place.condition == "critical" and Inspection.objects.filter(place=place).count() == 2


@pytest.mark.django_db
def test_an_inspection_in_the_future_or_of_another_place_is_refused(world, client):
    users, _a, b, place = world
    other = make_place("Чужой бюст", kind="bust", region="osh", caretaker=b, status="draft")
    client.force_login(users[EDITOR_A])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        RECORD, {"place": place.pk, "inspected_on": tomorrow.isoformat(), "condition": "good"}
    )
    assert response.status_code == 200
    assert "inspected_on" in response.context["form"].errors
    response = client.post(
        RECORD, {"place": other.pk, "inspected_on": "2024-01-01", "condition": "good"}
    )
    assert response.status_code == 200 and "place" in response.context["form"].errors
    assert not Inspection.objects.exists()
    place.refresh_from_db()
    assert place.condition == "unknown"
