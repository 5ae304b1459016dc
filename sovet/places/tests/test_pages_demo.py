"""A demo organization's card lists the memorial places it looks after."""

import pytest


@pytest.mark.django_db
def test_the_caretakers_card_lists_the_places_it_looks_after(demo, client):
    from sovet.places.models import MemorialPlace

    place = MemorialPlace.objects.filter(caretaker__isnull=False, status="published").first()
    organization = place.caretaker
    page = client.get(f"/ru/organizations/{organization.slug}/").content.decode()
    assert place.name_ru in page and f"/memory/places/{place.pk}/" in page
