"""Every change to memorial places goes through here."""

import math
from decimal import Decimal
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sovet.memory.names import fold

from .models import Condition, Inspection, MemorialPlace, PlaceStatus

# Kyrgyzstan's bounding box, with a margin of about a kilometre.
SOUTH, NORTH, WEST, EAST = 39.15, 43.30, 69.20, 80.30
DUPLICATE_METRES = 50
SIMILAR_NAMES = 0.6  # difflib ratio of the folded names


def check_location(latitude, longitude) -> None:
    """A place in the country, in WGS84 degrees; swapped latitude and longitude are told as such."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(
            _("Give both the latitude and the longitude, or neither."), code="half_location"
        )
    lat, lon = float(latitude), float(longitude)
    if _inside(lat, lon):
        return
    if _inside(lon, lat):
        raise ValidationError(
            _(
                "The latitude and the longitude seem swapped: in Kyrgyzstan the latitude is "
                "about 39–43 and the longitude about 69–80."
            ),
            code="swapped",
        )
    raise ValidationError(
        _("These coordinates are outside Kyrgyzstan (latitude 39–43, longitude 69–80)."),
        code="outside",
    )


def _inside(lat: float, lon: float) -> bool:
    return SOUTH <= lat <= NORTH and WEST <= lon <= EAST


def place_save(place: MemorialPlace) -> MemorialPlace:
    """Check and save a place (ValidationError with the field when its location is wrong)."""
    try:
        check_location(place.latitude, place.longitude)
    except ValidationError as error:
        raise ValidationError({"latitude": error}) from None
    place.save()
    return place


def distance_metres(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine), good to a metre at these distances."""
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def possible_duplicates(place: MemorialPlace) -> list[MemorialPlace]:
    """Other places within DUPLICATE_METRES with a similar name: shown as a warning, with links."""
    if place.latitude is None or place.longitude is None:
        return []
    # A box of ±DUPLICATE_METRES around the place (indexed), then the exact distance.
    dlat = Decimal(DUPLICATE_METRES / 111_000)
    dlon = Decimal(DUPLICATE_METRES / (111_000 * math.cos(math.radians(float(place.latitude)))))
    near = MemorialPlace.objects.filter(
        latitude__range=(place.latitude - dlat, place.latitude + dlat),
        longitude__range=(place.longitude - dlon, place.longitude + dlon),
    ).exclude(pk=place.pk)
    name = fold(place.name_ru)
    return [
        other
        for other in near
        if distance_metres(place.latitude, place.longitude, other.latitude, other.longitude)
        <= DUPLICATE_METRES
        and SequenceMatcher(None, name, fold(other.name_ru)).ratio() >= SIMILAR_NAMES
    ]


def inspection_record(
    place: MemorialPlace, *, inspected_on, condition: str, notes: str = "", by=None
) -> Inspection:
    """Record a visit; the latest inspection (by date) sets the place's condition."""
    if inspected_on > timezone.localdate():
        raise ValidationError(
            {"inspected_on": _("The date of the inspection is in the future.")}, code="future"
        )
    with transaction.atomic():
        place = MemorialPlace.objects.select_for_update().get(pk=place.pk)
        inspection = Inspection(
            place=place, inspected_on=inspected_on, condition=condition, notes=notes, by=by
        )
        inspection.full_clean(exclude=["place", "by"])
        inspection.save()
        latest = place.inspections.order_by("-inspected_on", "-pk").first()
        MemorialPlace.objects.filter(pk=place.pk).update(
            condition=latest.condition, inspected_on=latest.inspected_on
        )
    return inspection


def published_places():
    return MemorialPlace.objects.filter(status=PlaceStatus.PUBLISHED)


def period_figures(start, end) -> list[tuple[str, object]]:
    """The Council's period report: places added, inspected and restored in [start, end]."""
    added = published_places().filter(created_at__date__range=(start, end)).count()
    inspections = Inspection.objects.filter(inspected_on__range=(start, end))
    inspected = inspections.values("place").distinct().count()
    restored = 0
    # A place is restored when a good inspection in the period follows a bad one.
    for inspection in inspections.filter(condition=Condition.GOOD).order_by(
        "place", "inspected_on"
    ):
        before = (
            Inspection.objects.filter(place_id=inspection.place_id)
            .filter(
                models.Q(inspected_on__lt=inspection.inspected_on)
                | models.Q(inspected_on=inspection.inspected_on, pk__lt=inspection.pk)
            )
            .order_by("-inspected_on", "-pk")
            .values_list("condition", flat=True)
            .first()
        )
        if before in (Condition.NEEDS_REPAIR, Condition.CRITICAL):
            restored += 1
    return [
        (_("Memorial places added"), added),
        (_("Memorial places inspected"), inspected),
        (_("Memorial places restored"), restored),
    ]
