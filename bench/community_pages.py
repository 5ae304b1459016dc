"""The volunteers' pages at scale: the shift list, a shift, a project and a volunteer's own page,
as a ratio to a Django hello-world measured in the same process and run.

Usage (after bench/community_seed.py — 500 volunteers, 200 shifts, 5,000 participations):

    .venv/bin/python bench/community_pages.py [--repeat 20]
    DATABASE_URL=postgres://… .venv/bin/python bench/community_pages.py

Opens each page through Django's test client (fragment and page caches off, as in the tests:
what is measured is the work a page does): p50/p95 in ms, the ratio of p50 to the
hello-world's, and the number of queries. A volunteer's page is measured for the busiest
volunteer and a quiet one, and the list filtered by two regions (different numbers of shifts):
each pair must make the same number of queries. Target (issue 18): under 150 ms. Exit status 1
if a target is missed.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from client_timing import AS_PRODUCTION, measure  # noqa: E402  (bench/client_timing.py)
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from sovet.community.models import Project, Shift, Volunteer  # noqa: E402

TARGET_MS = 150


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    by_load = Volunteer.objects.annotate(n=Count("participations")).order_by("-n", "pk")
    busiest, quiet = by_load.first(), by_load.last()
    upcoming = Shift.objects.filter(starts_at__gt=timezone.now()).annotate(
        n=Count("slots__participations")
    )
    shift = upcoming.order_by("-n", "pk").first()
    project = Project.objects.filter(shifts__isnull=False).order_by("pk").first()
    print(
        f"{Volunteer.objects.count():,} volunteers, {Shift.objects.count():,} shifts, "
        f"{connection.vendor}, {args.repeat} runs each; busiest volunteer {busiest.n} "
        f"participations, quiet {quiet.n}"
    )
    with override_settings(ROOT_URLCONF="bench.hello_urls"):
        hello, _queries, _status = measure(Client(), "/hello/", args.repeat * 5)
    hello_p50 = statistics.median(hello)
    print(f"{'hello-world':<34} p50 {hello_p50:7.2f} ms")
    print(f"{'page':<34} {'p50':>8} {'p95':>8} {'×hello':>8} {'queries':>8}")
    anonymous, busy, calm = Client(), Client(), Client()
    busy.force_login(busiest.user)
    calm.force_login(quiet.user)
    rows = [
        ("shift list", anonymous, "/ru/volunteers/"),
        ("shift list, Bishkek", anonymous, "/ru/volunteers/?region=bishkek"),
        ("shift list, Osh", anonymous, "/ru/volunteers/?region=osh"),
        ("shift list, signed in", busy, "/ru/volunteers/"),
        ("a shift (most signed up)", anonymous, f"/ru/volunteers/shifts/{shift.pk}/"),
        ("a project", anonymous, f"/ru/volunteers/projects/{project.slug}/"),
        ("volunteer's page, busiest", busy, "/ru/volunteers/me/"),
        ("volunteer's page, quiet", calm, "/ru/volunteers/me/"),
    ]
    failed, results = False, {}
    with override_settings(FRAGMENT_CACHE=False, PAGE_CACHE_SECONDS=0):
        for name, client, path in rows:
            times, queries, status = measure(client, path, args.repeat)
            p50 = statistics.median(times)
            p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
            failed |= p50 > TARGET_MS or status != 200
            results[name] = queries
            print(
                f"{name:<34} {p50:8.1f} {p95:8.1f} {p50 / hello_p50:8.1f} {queries:8d}"
                + ("" if status == 200 else f"  status {status}")
            )
    # The same page with more or fewer rows: the filtered lists hold different numbers of shifts.
    same_list = results["shift list, Bishkek"] == results["shift list, Osh"]
    same_me = results["volunteer's page, busiest"] == results["volunteer's page, quiet"]
    print(f"constant queries: list {same_list}, volunteer's page {same_me}")
    failed |= not (same_list and same_me)
    return 1 if failed else 0


if __name__ == "__main__":
    with AS_PRODUCTION:
        sys.exit(main())
