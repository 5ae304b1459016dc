"""Events held at a memorial place: the event's page links the place, and the place's page lists
its events through the ``place_page_sections`` hook (places, a lower layer, does not know events);
the admin picks the place with the places' chooser."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from sovet.events.models import Event, EventIndexPage
from sovet.events.wagtail_hooks import EventViewSet
from sovet.memory.models import MemoryIndexPage
from sovet.places.models import PlacesIndexPage
from sovet.places.tests.factories import make_place


@pytest.fixture
def site(db):
    """Home, the memory archive with its places page, and the calendar, in Russian."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    ru = Locale.objects.get(language_code="ru")
    home = Page.get_first_root_node().add_child(
        instance=Page(title="Главная", slug="home", locale=ru)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    memory = home.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    memory.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    return home


@pytest.fixture
def calendar(site):
    return site.add_child(instance=EventIndexPage(title="События", slug="events"))


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
    response = client.get(f"/ru/memory/places/{place.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and "Обелиск землякам" in page
    assert "Мероприятия у этого места" in page
    assert "Субботник у обелиска" in page and f"/ru/events/{cleanup.pk}/" in page
    assert "Скрытое событие" not in page
    page = client.get(f"/ru/events/{cleanup.pk}/").content.decode()
    assert f"/ru/memory/places/{place.pk}/" in page and "Обелиск землякам" in page


@pytest.mark.django_db
def test_a_place_without_events_or_without_a_calendar_has_no_events_section(site, client):
    place = make_place()
    make_event("Субботник у обелиска", place)  # no calendar page: no event page to link
    response = client.get(f"/ru/memory/places/{place.pk}/")
    assert response.status_code == 200 and "Обелиск землякам" in response.content.decode()
    assert response.context["sections"] == []
    other = make_place("Бюст героя")
    site.add_child(instance=EventIndexPage(title="События", slug="events"))
    response = client.get(f"/ru/memory/places/{other.pk}/")
    assert response.status_code == 200 and "Бюст героя" in response.content.decode()
    assert response.context["sections"] == []


@pytest.mark.django_db
def test_event_at_a_draft_place_does_not_link_it(site, calendar, client):
    draft = make_place("Черновик места", status="draft")
    event = make_event("Субботник", draft)
    response = client.get(f"/ru/events/{event.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and "Субботник" in page
    assert "Черновик места" not in page and f"/memory/places/{draft.pk}/" not in page


@pytest.mark.django_db
def test_place_page_queries_do_not_grow_with_events(
    site, calendar, client, django_assert_max_num_queries
):
    place = make_place()
    make_event("Первое", place)
    client.get(f"/ru/memory/places/{place.pk}/")  # warm the site's caches
    with CaptureQueriesContext(connection) as one:
        client.get(f"/ru/memory/places/{place.pk}/")
    for n in range(5):
        make_event(f"Событие {n}", place)
    with django_assert_max_num_queries(len(one)):
        response = client.get(f"/ru/memory/places/{place.pk}/")
    assert response.content.decode().count("/ru/events/") >= 6


@pytest.mark.django_db
def test_event_admin_form_uses_the_place_chooser():
    form_class = EventViewSet("events_event_test").get_form_class()
    widget = form_class.base_fields["memorial_place"].widget
    assert "Chooser" in type(widget).__name__
