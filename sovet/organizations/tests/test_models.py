"""The database keeps names unique per type and coordinates valid, whatever the caller does."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sovet.organizations.models.registry import name_key

from .factories import make_organization


@pytest.mark.django_db
def test_a_name_is_unique_within_a_type_whatever_its_case():
    make_organization(name_ru="Общество «Родник»", type="society")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization(name_ru="общество «родник»", type="society")
    make_organization(name_ru="Общество «Родник»", type="school")  # another type: allowed


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude"), [("91", "74"), ("42", "-181"), ("-90.5", "0")])
def test_coordinates_out_of_range_are_refused_by_the_database(latitude, longitude):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization(latitude=Decimal(latitude), longitude=Decimal(longitude))


@pytest.mark.django_db
def test_half_a_location_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization(latitude=Decimal("42.87"), longitude=None)


@pytest.mark.django_db
def test_full_clean_names_each_bad_field():
    organization = make_organization()
    organization.email = "not-an-email"
    organization.website = "javascript:alert(1)"
    organization.phone = "12"
    organization.telegram = "https://example.org/x"
    organization.founded_year = 2999
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert set(error.value.message_dict) == {
        "email",
        "website",
        "phone",
        "telegram",
        "founded_year",
    }


@pytest.mark.django_db
def test_translated_fields_fall_back_to_russian():
    from django.utils import translation

    organization = make_organization(name_ru="Союз", name_en="Union")
    with translation.override("en"):
        assert organization.name == "Union"
    with translation.override("ky"):
        assert organization.name == "Союз"


@pytest.mark.django_db
def test_other_links_accept_only_web_addresses():
    organization = make_organization(other_links="https://ok.kg\njavascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "other_links" in error.value.message_dict
    # Even a value stored before validation is never rendered as a script link.
    assert organization.other_link_list == ["https://ok.kg"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Общество  “Родник”", "общество родник"),
        ('общество "родник"', "общество родник"),
        ("ЁЛКИНО «Ёлка»", "елкино елка"),
        ("Родник-2", "родник-2"),
        ("Кеңеш Өмүр", "кеңеш өмүр"),
    ],
)
def test_the_stored_name_key_is_the_names_fold(name, key):
    """name_key is a stored, unique column (core.text.fold): a change here needs a migration."""
    assert name_key(name) == key
