"""Create N invented published memorial places across Kyrgyzstan, for benchmarks of the map.

Usage:

    .venv/bin/python bench/places_seed.py --places 10000     # into the database of DATABASE_URL
    .venv/bin/python bench/places_seed.py --delete

Places fall around the country's towns (kinds, conditions and inspection dates mixed); each is
marked by the description "bench" so --delete finds them.
"""

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from sovet.core.models import Region  # noqa: E402
from sovet.places.models import Condition, MemorialPlace, PlaceKind  # noqa: E402

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    if args.delete:
        print(MemorialPlace.objects.filter(description=MARK).delete())
        return
    rng = random.Random(args.seed)
    regions = {region.code: region for region in Region.objects.all()}
    today = datetime.date.today()
    started = time.perf_counter()
    places = []
    for number in range(args.places):
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
                status="published",
                condition=condition,
                inspected_on=None
                if condition == Condition.UNKNOWN
                else today - datetime.timedelta(days=rng.randint(1, 900)),
            )
        )
    MemorialPlace.objects.bulk_create(places, batch_size=2000)
    print(f"{len(places):,} places in {time.perf_counter() - started:.1f} s; "
          f"{MemorialPlace.objects.count():,} in all")  # fmt: skip


if __name__ == "__main__":
    main()
