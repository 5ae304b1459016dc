"""Create N invented published memorial places across Kyrgyzstan, for benchmarks of the map.

Usage:

    .venv/bin/python bench/places_seed.py --places 10000     # into the database of DATABASE_URL
    .venv/bin/python bench/places_seed.py --delete

Places fall around the country's towns (kinds, conditions and inspection dates mixed); each is
marked by the description "bench" so --delete finds them. The generator is
sovet/places/synthetic.py, shared with the map's browser test.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from sovet.places import synthetic  # noqa: E402
from sovet.places.models import MemorialPlace  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    if args.delete:
        print(f"{synthetic.delete_places():,} objects deleted")
        return
    started = time.perf_counter()
    created = synthetic.create_places(args.places, seed=args.seed)
    print(f"{created:,} places in {time.perf_counter() - started:.1f} s; "
          f"{MemorialPlace.objects.count():,} in all")  # fmt: skip


if __name__ == "__main__":
    main()
