"""The places factories make valid places where the tests say."""

import pytest

from .factories import PlaceFactory, make_place


@pytest.mark.django_db
def test_a_place_is_valid_published_and_where_its_region_code_says():
    place = PlaceFactory()
    place.full_clean()
    assert (place.status, place.region.code) == ("published", "chui")
    bust = make_place("Бюст героя", kind="bust", region="osh", status="draft")
    assert (bust.name_ru, bust.kind, bust.region.code, bust.status) == (
        "Бюст героя", "bust", "osh", "draft"
    )  # fmt: skip
