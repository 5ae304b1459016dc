"""Invented memorial places for benchmarks and the map's browser test: many published places
around the country's towns, kinds, conditions and inspection dates mixed. Each is marked by the
description MARK, so they can be found and deleted."""

import datetime
import random
from decimal import Decimal

from sovet.core.models import Region

from .models import Condition, MemorialPlace, PlaceKind, PlaceStatus

MARK = "bench"
# region code → towns (latitude, longitude)
TOWNS = {
    "bishkek": [(42.8746, 74.5698)],
    "chui": [(42.8419, 75.3015), (42.8910, 74.8500), (42.7700, 73.6800)],
    "issyk-kul": [(42.4907, 78.3936), (42.6490, 77.0820), (42.2200, 76.9900)],
    "naryn": [(41.4287, 75.9911), (41.8300, 74.1600)],
    "talas": [(42.5228, 72.2427), (42.2700, 71.8500)],
    "jalal-abad": [(40.9333, 73.0000), (41.8800, 72.9400), (41.3200, 72.4000)],
    "osh-city": [(40.5283, 72.7985)],
    "osh": [(40.7699, 73.3007), (40.2700, 72.6300)],
    "batken": [(40.0625, 70.8194), (39.9100, 71.4600)],
}
WORDS = ["Обелиск", "Стела", "Памятник", "Мемориал", "Братская могила", "Памятная доска"]


def invented_places(count: int, *, seed: int = 1, today=None) -> list[MemorialPlace]:
    """``count`` unsaved published places, the same ones for the same seed."""
    rng = random.Random(seed)
    regions = {region.code: region for region in Region.objects.filter(code__in=TOWNS)}
    today = today or datetime.date.today()
    places = []
    for number in range(count):
        code = rng.choice(list(TOWNS))
        lat, lon = rng.choice(TOWNS[code])
        condition = rng.choices(list(Condition.values), weights=[60, 25, 5, 10])[0]
        places.append(
            MemorialPlace(
                kind=rng.choice(PlaceKind.values),
                name_ru=f"{rng.choice(WORDS)} № {number + 1}",
                region=regions[code],
                latitude=Decimal(f"{lat + rng.gauss(0, 0.08):.6f}"),
                longitude=Decimal(f"{lon + rng.gauss(0, 0.08):.6f}"),
                description=MARK,
                status=PlaceStatus.PUBLISHED,
                condition=condition,
                inspected_on=None
                if condition == Condition.UNKNOWN
                else today - datetime.timedelta(days=rng.randint(1, 900)),
            )
        )
    return places


def create_places(count: int, *, seed: int = 1) -> int:
    """Save ``count`` invented places in one go (bulk_create: a few seconds for 10,000)."""
    places = invented_places(count, seed=seed)
    MemorialPlace.objects.bulk_create(places, batch_size=2000)
    return len(places)


def delete_places() -> int:
    return MemorialPlace.objects.filter(description=MARK).delete()[0]
