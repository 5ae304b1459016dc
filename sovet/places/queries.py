"""Reads of memorial places shared by the public list, the place page and the admin."""

from datetime import date, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet

from sovet.core.text import fold_name
from sovet.memory.models import CardStatus, WarParticipant

from .models import Inspection, MemorialPlace, PlacePhoto, PlaceReport, PlaceStatus

# The list's filters, by name: the keys of the ``filters`` dicts below.
FILTER_NAMES = ("query", "kind", "region", "condition", "caretaker", "needs_visit")


def public_places() -> QuerySet[MemorialPlace]:
    """Published places with what a row of the list shows."""
    return MemorialPlace.objects.filter(status=PlaceStatus.PUBLISHED).select_related(
        "region", "caretaker"
    )


def public_place(pk) -> MemorialPlace | None:
    """A published place, or None (a draft is not found)."""
    return public_places().filter(pk=pk).first()


def overdue(interval_days: int, today: date) -> Q:
    """Places never inspected, or last inspected more than ``interval_days`` ago."""
    return Q(inspected_on__isnull=True) | Q(inspected_on__lt=today - timedelta(days=interval_days))


def is_overdue(place: MemorialPlace, interval_days: int, today: date) -> bool:
    return place.inspected_on is None or place.inspected_on < today - timedelta(days=interval_days)


def name_matches(query: str) -> list[int] | None:
    """The published places whose name in any language holds every word typed, compared folded
    (case, ё and е, Kyrgyz letters): SQLite's LIKE ignores the case of Latin letters only.
    None when nothing searchable was typed."""
    words = fold_name(query).split()
    if not words:
        return None
    names = MemorialPlace.objects.filter(status=PlaceStatus.PUBLISHED).values_list(
        "pk", "name_ru", "name_ky", "name_en"
    )
    return [pk for pk, *texts in names if all(word in fold_name(" ".join(texts)) for word in words)]


def _filtered(
    filters: dict, *, matches: list[int] | None, interval_days: int, today: date, exclude: str = ""
) -> QuerySet[MemorialPlace]:
    places = public_places()
    if matches is not None:
        places = places.filter(pk__in=matches)
    for name in ("kind", "region", "condition", "caretaker"):
        if filters.get(name) and name != exclude:
            places = places.filter(**{name: filters[name]})
    if filters.get("needs_visit") and exclude != "needs_visit":
        places = places.filter(overdue(interval_days, today))
    return places


def place_list(filters: dict, *, interval_days: int, today: date) -> QuerySet[MemorialPlace]:
    """The published places that match the filters (keyword names in FILTER_NAMES)."""
    matches = name_matches(filters.get("query") or "")
    places = _filtered(filters, matches=matches, interval_days=interval_days, today=today)
    return places.order_by("name_ru", "pk")


def filter_counts(filters: dict, *, interval_days: int, today: date) -> dict[str, dict]:
    """How many places each filter value would show with the other filters kept: one query a
    filter, whatever the number of places."""
    matches = name_matches(filters.get("query") or "")
    kept = {"matches": matches, "interval_days": interval_days, "today": today}
    counts = {}
    for name, field in (
        ("kind", "kind"),
        ("region", "region_id"),
        ("condition", "condition"),
        ("caretaker", "caretaker_id"),
    ):
        rows = (
            _filtered(filters, exclude=name, **kept)
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values_list(field, "n")
        )
        counts[name] = dict(rows)
    counts["needs_visit"] = (
        _filtered(filters, exclude="needs_visit", **kept)
        .filter(overdue(interval_days, today))
        .count()
    )
    return counts


def place_page(pk: int) -> MemorialPlace | None:
    """A published place with everything its page shows, or None."""
    return (
        public_places()
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=WarParticipant.objects.filter(status=CardStatus.PUBLISHED).order_by(
                    "surname", "given_name", "patronymic", "pk"
                ),
                to_attr="published_participants",
            ),
            Prefetch(
                "inspections",
                queryset=Inspection.objects.order_by("-inspected_on", "-pk"),
                to_attr="inspection_list",
            ),
            Prefetch(
                "photos",
                # By date, the oldest first: together they show the place over the years.
                queryset=PlacePhoto.objects.order_by(F("taken_on").asc(nulls_last=True), "pk"),
                to_attr="photo_list",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def report_by_token(token: str) -> PlaceReport | None:
    """A visitor's report by the token of its private page, with its place."""
    return PlaceReport.objects.select_related("place").filter(token=token).first()
