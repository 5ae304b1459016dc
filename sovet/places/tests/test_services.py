"""Memorial places: where they may be, their condition from inspections, near duplicates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sovet.core.models import Region
from sovet.places import services
from sovet.places.models import Condition, MemorialPlace

from .factories import EDITOR_A, MODERATOR


def place(**fields):
    defaults = {"kind": "obelisk", "name_ru": "Обелиск землякам", "status": "published",
                "region": Region.objects.get(code="chui"),
                "latitude": Decimal("42.864000"), "longitude": Decimal("74.260000")}  # fmt: skip
    return services.place_save(MemorialPlace(**{**defaults, **fields}))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        ("74.260000", "42.864000", "swapped"),  # longitude typed as latitude
        ("55.755800", "37.617300", "outside"),  # Moscow
        ("-42.864000", "74.260000", "outside"),  # a lost minus sign the other way
    ],
)
def test_coordinates_outside_the_country_or_swapped_are_refused(latitude, longitude, code):
    with pytest.raises(ValidationError) as error:
        place(latitude=Decimal(latitude), longitude=Decimal(longitude))
    assert error.value.error_dict["latitude"][0].code == code
    assert not MemorialPlace.objects.exists()


@pytest.mark.django_db
def test_a_place_without_coordinates_is_kept_but_half_a_location_is_not():
    assert place(latitude=None, longitude=None).pk
    with pytest.raises(ValidationError) as error:
        place(latitude=Decimal("42.8"), longitude=None)
    assert error.value.error_dict["latitude"][0].code == "half_location"


@pytest.mark.django_db
def test_the_latest_inspection_sets_the_condition_whatever_the_order_recorded():
    obelisk = place()
    today = timezone.localdate()
    services.inspection_record(obelisk, inspected_on=today, condition=Condition.CRITICAL)
    # An older visit typed in later does not change what the place looks like now.
    services.inspection_record(
        obelisk, inspected_on=today - datetime.timedelta(days=90), condition=Condition.GOOD
    )
    obelisk.refresh_from_db()
    assert (obelisk.condition, obelisk.inspected_on) == (Condition.CRITICAL, today)


@pytest.mark.django_db
def test_an_inspection_in_the_future_or_of_unknown_condition_is_refused():
    obelisk = place()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.inspection_record(obelisk, inspected_on=tomorrow, condition=Condition.GOOD)
    with pytest.raises(ValidationError):
        services.inspection_record(
            obelisk, inspected_on=timezone.localdate(), condition=Condition.UNKNOWN
        )
    obelisk.refresh_from_db()
    assert obelisk.condition == Condition.UNKNOWN and not obelisk.inspections.exists()


@pytest.mark.django_db
def test_a_similar_place_within_fifty_metres_is_a_possible_duplicate():
    first = place(name_ru="Обелиск воинам-землякам")
    # ≈ 30 m north-east, the name written a little differently.
    near = MemorialPlace(name_ru="Обелиск воинам землякам, с. Садовое",
                         latitude=Decimal("42.864200"), longitude=Decimal("74.260250"))  # fmt: skip
    assert services.possible_duplicates(near) == [first]
    # ≈ 30 m away but another monument; a namesake ≈ 500 m away.
    other = MemorialPlace(name_ru="Памятная доска учителю",
                          latitude=Decimal("42.864200"), longitude=Decimal("74.260250"))  # fmt: skip
    far = MemorialPlace(name_ru="Обелиск воинам-землякам",
                        latitude=Decimal("42.868500"), longitude=Decimal("74.260000"))  # fmt: skip
    assert services.possible_duplicates(other) == []
    assert services.possible_duplicates(far) == []


def test_distance_is_in_metres():
    # One thousandth of a degree of latitude is about 111 m.
    assert 110 < services.distance_metres(42.0, 74.0, 42.001, 74.0) < 112


@pytest.mark.django_db
def test_period_figures_count_places_added_inspected_and_restored():
    today = timezone.localdate()
    days = datetime.timedelta
    mended = place(name_ru="Обелиск")
    services.inspection_record(mended, inspected_on=today - days(200), condition=Condition.CRITICAL)
    services.inspection_record(mended, inspected_on=today - days(10), condition=Condition.GOOD)
    always_good = place(name_ru="Стела", latitude=Decimal("42.0"), longitude=Decimal("75.0"))
    services.inspection_record(always_good, inspected_on=today - days(5), condition=Condition.GOOD)
    figures = dict(services.period_figures(today - days(30), today))
    assert list(figures.values()) == [2, 2, 1]
    earlier = dict(services.period_figures(today - days(365), today - days(100)))
    assert list(earlier.values())[1:] == [1, 0]


@pytest.mark.django_db
def test_a_new_place_from_an_editor_starts_as_a_draft(world):
    """What appears on the public map waits for a moderator; a moderator's new place does not,
    and an editor's later edits keep the status a moderator gave."""
    users, a, _b, _place = world
    by_editor = services.place_save(
        MemorialPlace(kind="bust", name_ru="Бюст", status="published", caretaker=a,
                      region=Region.objects.get(code="chui")),
        by=users[EDITOR_A],
    )  # fmt: skip
    assert MemorialPlace.objects.get(pk=by_editor.pk).status == "draft"
    by_moderator = services.place_save(
        MemorialPlace(kind="bust", name_ru="Бюст 2", status="published", caretaker=a,
                      region=Region.objects.get(code="chui")),
        by=users[MODERATOR],
    )  # fmt: skip
    assert MemorialPlace.objects.get(pk=by_moderator.pk).status == "published"
    by_editor.status = "published"  # the moderator published it
    by_editor.save()
    by_editor.name_ru = "Бюст героя"
    services.place_save(by_editor, by=users[EDITOR_A])
    assert MemorialPlace.objects.get(pk=by_editor.pk).status == "published"
