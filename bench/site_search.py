"""The site search: the results page /<lang>/search/?q=… and the search itself, over a fixed set
of queries, as ratios to a Django hello-world served in the same run.

Usage (on a database with the demo, and for the archive's share the memory benchmark's cards):

    .venv/bin/python manage.py load_demo
    .venv/bin/python bench/memory_seed.py --records 100000      # optional: cards for "people"
    .venv/bin/python bench/site_search.py [--repeat 5]
    DATABASE_URL=postgres://… .venv/bin/python bench/site_search.py

Reports p50/p95/max in milliseconds of the whole page (Django's test client: middleware, search,
template) and of `core.site_search.site_search` alone, and the hello-world's p50 and the ratios.
"""

import argparse
import os
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
from django.test.utils import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402

from sovet.core.models import SearchEntry  # noqa: E402
from sovet.core.site_search import site_search  # noqa: E402

QUERIES = {
    "ru": [
        "романс",
        "Славяне",
        "Соловьёв",
        "мемориал",
        "память",
        "памятник",
        "памятники",
        "Бессмертный полк",
        "георгиевская ленточка",
        "конференция",
        "резолюция",
        "решение",
        "союз женщин",
        "молодёжь",
        "волонтёры",
        "Ош",
        "Бишкек",
        "Токмок",
        "правовая помощь",
        "переселение",
        "школа",
        "русский язык",
        "Иванов",
        "Кузнецова",
        "Victory",
        "сайт",
        "совет",
        "субботник",
        "ветераны",
        "Победа",
    ],
    "ky": ["эстелик", "жаштар", "уюм", "Бишкек", "конференция"],
    "en": ["memorial", "conference", "Immortal Regiment", "organizations", "volunteers"],
}


def timed(call, repeat: int) -> list[float]:
    call()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with override_settings(ROOT_URLCONF="bench.hello_urls", ALLOWED_HOSTS=["*"]):
        client = Client()
        hello = timed(lambda: client.get("/hello/"), args.repeat * 20)
        pages, searches, slowest = [], [], []
        for language, queries in QUERIES.items():
            for query in queries:
                url = f"/{language}/search/?q={query}"
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                page = timed(lambda url=url: client.get(url), args.repeat)
                with translation.override(language):
                    alone = timed(lambda query=query: site_search(query), args.repeat)
                pages += page
                searches += alone
                slowest.append((max(page), url))
    entries = SearchEntry.objects.count()
    print(
        f"{connection.vendor}, {entries:,} index entries, {sum(map(len, QUERIES.values()))}"
        f" queries × {args.repeat}, DEBUG={settings.DEBUG}"
    )
    hello_p50 = statistics.median(hello)
    print(f"hello-world       p50 {hello_p50:6.2f} ms")
    for name, times in (("results page", pages), ("site_search()", searches)):
        p50, p95, top = summary(times)
        print(
            f"{name:17} p50 {p50:6.1f}  p95 {p95:6.1f}  max {top:6.1f} ms"
            f"   (p50 ×{p50 / hello_p50:.0f}, p95 ×{p95 / hello_p50:.0f} hello-world)"
        )
    print("slowest pages:", ", ".join(f"{url} {ms:.0f} ms" for ms, url in sorted(slowest)[-3:]))


if __name__ == "__main__":
    main()
