"""Create N synthetic cards of war participants, with their name keys, for benchmarks.

Usage:

    .venv/bin/python bench/memory_seed.py --records 1000000       # into var/sovet.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python bench/memory_seed.py --records 1000000
    .venv/bin/python bench/memory_seed.py --delete

The names come from sovet/memory/synthetic.py (the mix of the time's families). Cards are
invented: every card is marked by the variant line "bench" so --delete finds them.
"""

import argparse
import os
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from sovet.memory import synthetic  # noqa: E402
from sovet.memory.models import NameKey, WarParticipant  # noqa: E402

MARK = "bench"
card = partial(synthetic.card, mark=MARK)  # one invented card, marked as the benchmark's


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    if args.delete:
        print(WarParticipant.objects.filter(name_variants=MARK).delete())
        return
    started = time.perf_counter()

    def progress(done):
        rate = done / (time.perf_counter() - started)
        print(f"\r{done:,} cards, {rate:,.0f}/s", end="", flush=True)

    synthetic.create_cards(
        args.records, seed=args.seed, mark=MARK, batch=args.batch, progress=progress
    )
    print(f"\n{WarParticipant.objects.count():,} cards, {NameKey.objects.count():,} keys")


if __name__ == "__main__":
    main()
