"""Memorial places linked with the rest of the site: events held at a place (both pages link each
other), the people commemorated (their memory cards list the place), and the admin chooser that
picks a place for an event."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sovet.core.testing import page_text
from sovet.events.models import Event, EventIndexPage
from sovet.memory.tests.factories import CardFactory

from .factories import make_place
from .test_admin import MODERATOR


@pytest.fixture
def calendar(site):
    home = site.get_parent().get_parent()
    return home.add_child(instance=EventIndexPage(title="События", slug="events"))


def make_event(title, place, **fields):
    start = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        title_ru=title, starts_at=start, ends_at=start + timedelta(hours=2), memorial_place=place,
        **fields,
    )  # fmt: skip


@pytest.mark.django_db
def test_event_and_place_pages_link_each_other(site, calendar, client):
    place = make_place()
    cleanup = make_event("Субботник у обелиска", place)
    make_event("Скрытое событие", place, approved=False)
    page = page_text(client.get(f"/ru/memory/places/{place.pk}/"), "Обелиск землякам")
    assert "Субботник у обелиска" in page and f"/ru/events/{cleanup.pk}/" in page
    assert "Скрытое событие" not in page
    page = client.get(f"/ru/events/{cleanup.pk}/").content.decode()
    assert f"/ru/memory/places/{place.pk}/" in page and "Обелиск землякам" in page


@pytest.mark.django_db
def test_event_at_a_draft_place_does_not_link_it(site, calendar, client):
    draft = make_place("Черновик места", status="draft")
    event = make_event("Субботник", draft)
    page = page_text(client.get(f"/ru/events/{event.pk}/"), "Субботник")
    assert "Черновик места" not in page and f"/memory/places/{draft.pk}/" not in page


@pytest.mark.django_db
def test_place_page_queries_do_not_grow_with_events(
    site, calendar, client, django_assert_max_num_queries
):
    place = make_place()
    make_event("Первое", place)
    client.get(f"/ru/memory/places/{place.pk}/")  # warm the site's caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(f"/ru/memory/places/{place.pk}/")
    for n in range(5):
        make_event(f"Событие {n}", place)
    with django_assert_max_num_queries(len(one)):
        client.get(f"/ru/memory/places/{place.pk}/")


@pytest.mark.django_db
def test_person_page_lists_the_places_where_they_are_commemorated(site, client):
    card = CardFactory(surname="Петров", given_name="Иван")
    grave = make_place("Братская могила")
    draft = make_place("Неопубликованная стела", status="draft")
    grave.participants.add(card)
    draft.participants.add(card)
    page = page_text(client.get(f"/ru/memory/{card.pk}/"), "Петров")
    assert f"/ru/memory/places/{grave.pk}/" in page and "Братская могила" in page
    assert "Неопубликованная стела" not in page
    other = CardFactory(surname="Сидоров")
    page = page_text(client.get(f"/ru/memory/{other.pk}/"), "Сидоров")
    assert "/memory/places/" not in page


@pytest.mark.django_db
def test_the_chooser_offers_published_places_found_by_folded_name(site, world, client):
    users, *_ = world
    make_place("Ёлочный обелиск")
    make_place("Бюст героя")
    make_place("Черновик", status="draft")
    client.force_login(users[MODERATOR])
    response = client.get("/admin/places_chooser/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Бюст героя" in html and "Черновик" not in html
    html = client.get("/admin/places_chooser/results/", {"q": "ЕЛОЧНЫЙ"}).content.decode()
    assert "Ёлочный обелиск" in html and "Бюст героя" not in html


@pytest.mark.django_db
def test_event_admin_form_uses_the_place_chooser(world):
    from sovet.events.wagtail_hooks import EventViewSet

    form_class = EventViewSet("events_event_test").get_form_class()
    widget = form_class.base_fields["memorial_place"].widget
    assert "Chooser" in type(widget).__name__
