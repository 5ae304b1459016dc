"""Memorial places linked with the rest of the site: the people commemorated (their memory cards
list the place) and the admin chooser that picks a place (for an event: see the events' tests)."""

import re

import pytest

from sovet.core.testing import page_text
from sovet.memory.tests.factories import CardFactory

from .factories import make_place
from .test_admin import MODERATOR


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
    # Nobody commemorates him: no place is listed, and the list of places is linked still.
    other = CardFactory(surname="Сидоров")
    page = page_text(client.get(f"/ru/memory/{other.pk}/"), "Сидоров", 'href="/ru/memory/places/"')
    assert not re.search(r"/memory/places/\d+/", page) and "Братская могила" not in page


@pytest.mark.django_db
def test_the_archive_page_links_the_memorial_places(site, client):
    make_place("Братская могила")
    make_place("Неопубликованная стела", status="draft")
    for params in ({}, {"region": "chui"}, {"q": "Петров"}):
        page = page_text(
            client.get("/ru/memory/", params), "Места памяти", 'href="/ru/memory/places/"'
        )
        assert ": 1 место на карте" in page  # the published place alone


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
