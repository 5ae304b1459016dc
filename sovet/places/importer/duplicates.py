"""Possible duplicates: places within services.DUPLICATE_METRES with a similar name, in the
database and earlier in the file, found on a grid of cells (one query, whatever the number of
rows)."""

import math
from collections import defaultdict
from decimal import Decimal
from difflib import SequenceMatcher

from django.urls import reverse
from django.utils.translation import gettext as _

from sovet.core.text import fold_name

from .. import services
from ..models import MemorialPlace
from .report import Problem, Row

CELL = 0.001  # degrees: ≥ 80 m in Kyrgyzstan, so a place's neighbours are in the 3 × 3 cells


def _cell(latitude, longitude) -> tuple[int, int]:
    return math.floor(float(latitude) / CELL), math.floor(float(longitude) / CELL)


def _neighbours(grid: dict, latitude, longitude):
    row, column = _cell(latitude, longitude)
    for d_row in (-1, 0, 1):
        for d_column in (-1, 0, 1):
            yield from grid.get((row + d_row, column + d_column), ())


def _same_place(a: tuple, b: tuple) -> bool:
    """services.possible_duplicates's rule, on (latitude, longitude, folded name) tuples."""
    return (
        services.distance_metres(a[0], a[1], b[0], b[1]) <= services.DUPLICATE_METRES
        and SequenceMatcher(None, a[2], b[2]).ratio() >= services.SIMILAR_NAMES
    )


def warn_of_duplicates(rows: list[Row], problems: list[Problem], *, features: bool) -> None:
    """Warn of places within DUPLICATE_METRES with a similar name, in the database (with a link
    to it) and earlier in the file. One query, whatever the number of rows."""
    located = [
        row
        for row in rows
        if row.place.latitude is not None and row.place.longitude is not None and row.place.name_ru
    ]
    if not located:
        return
    margin = Decimal("0.001")
    existing = MemorialPlace.objects.filter(
        latitude__range=(
            min(row.place.latitude for row in located) - margin,
            max(row.place.latitude for row in located) + margin,
        ),
        longitude__range=(
            min(row.place.longitude for row in located) - margin,
            max(row.place.longitude for row in located) + margin,
        ),
    ).values_list("pk", "name_ru", "latitude", "longitude")
    stored = defaultdict(list)
    for pk, name, latitude, longitude in existing:
        stored[_cell(latitude, longitude)].append((latitude, longitude, fold_name(name), pk, name))
    earlier = defaultdict(list)
    for row in located:
        place = row.place
        this = (
            place.latitude,
            place.longitude,
            fold_name(place.name_ru),
            row.number,
            place.name_ru,
        )
        column = row.name_column
        for other in _neighbours(stored, place.latitude, place.longitude):
            if _same_place(this, other):
                message = _(
                    "There is a place with a similar name within %(metres)s m: “%(name)s”. "
                    "Check that this is not the same place."
                ) % {"metres": services.DUPLICATE_METRES, "name": other[4]}
                problems.append(
                    Problem(
                        row.number, column, message, False, "duplicate",
                        link=reverse("places_place:edit", args=[other[3]]), link_text=other[4],
                    )
                )  # fmt: skip
                row.has_warning = True
        for other in _neighbours(earlier, place.latitude, place.longitude):
            if _same_place(this, other):
                if features:
                    message = _(
                        "Feature %(row)s of this file has a similar name within %(metres)s m "
                        "(“%(name)s”): check that it is not the same place."
                    )
                else:
                    message = _(
                        "Row %(row)s of this file has a similar name within %(metres)s m "
                        "(“%(name)s”): check that it is not the same place."
                    )
                values = {"row": other[3], "metres": services.DUPLICATE_METRES, "name": other[4]}
                message %= values
                problems.append(Problem(row.number, column, message, False, "duplicate_in_file"))
                row.has_warning = True
                break
        earlier[_cell(place.latitude, place.longitude)].append(this)
