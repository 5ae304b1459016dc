"""Browsing the memory archive by its filters alone (no name): the whole page's time.

Usage (after bench/memory_seed.py, on a database with the demo pages: `load_demo`):

    .venv/bin/python bench/memory_browse.py [--repeat 5]
    DATABASE_URL=postgres://… .venv/bin/python bench/memory_browse.py

Each region alone (the question browsing answers most), the landing (no filter: the latest cards
and stories, and every choice counted over the whole archive), other filters alone and together,
and a page deep into a region; for scale on a busy machine, the same page searching a name. Through Django's test client in this process, one warm-up each.
Reports p50/p95/max per kind and over all, and the number of queries of each page.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from sovet.core.models import Region  # noqa: E402
from sovet.memory.models import CardStatus, WarParticipant  # noqa: E402


class QueryCounter:
    """Counts the queries a page runs (CaptureQueriesContext's log is reset by each request)."""

    count = 0

    def __call__(self, execute, *query):
        self.count += 1
        return execute(*query)


def cases() -> list[tuple[str, dict]]:
    regions = list(Region.objects.order_by("sort_order").values_list("code", flat=True))
    return [
        *[("region alone", {"region": code}) for code in regions],
        ("landing", {}),
        ("fate alone", {"fate": "missing"}),
        ("rank alone", {"rank": "сержант"}),
        ("years alone", {"born_from": "1920", "born_to": "1922"}),
        ("place alone", {"place": "Токмок"}),
        ("photo alone", {"has_photo": "on"}),
        ("region, fate, years", {"region": regions[0], "fate": "killed", "born_from": "1915"}),
        ("region, page 100", {"region": regions[0], "page": "100"}),
        # The same page searching a name (its own benchmark: memory_search.py --pages), for scale.
        ("name (for scale)", {"q": "Иванов"}),
        ("name (for scale)", {"q": "Асанов Асан"}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    published = WarParticipant.objects.filter(status=CardStatus.PUBLISHED).count()
    print(f"{connection.vendor}, {published:,} published cards, × {args.repeat}")
    client = Client()
    by_kind: dict[str, list[float]] = {}
    everything, region_only = [], []
    for kind, params in cases():
        response = client.get("/ru/memory/", params)  # warm-up
        assert response.status_code == 200, (params, response.status_code)
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get("/ru/memory/", params)
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get("/ru/memory/", params)
            runs.append((time.perf_counter() - started) * 1000)
        by_kind.setdefault(kind, []).extend(runs)
        everything += runs
        if kind == "region alone":
            region_only += runs
        found = re.search(r'role="status">\D*([\d\s\u00a0]+)', response.content.decode())
        print(f"  {kind:22} {params!s:60.60} {statistics.median(runs):7.1f} ms, "
              f"{queries.count} queries, found {found.group(1).strip() if found else 0}")  # fmt: skip
    for kind, runs in [*by_kind.items(), ("region alone, all", region_only), ("all", everything)]:
        runs = sorted(runs)
        p95 = runs[max(0, int(len(runs) * 0.95) - 1)]
        print(f"{kind:22} p50 {statistics.median(runs):7.1f} ms, p95 {p95:7.1f} ms, "
              f"max {runs[-1]:7.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
