"""A decision's accountability page and its conference's page, as a ratio to a Django
hello-world measured in the same process and run.

Usage (on the demo database, `make demo`):

    .venv/bin/python bench/decision_pages.py [--repeat 20] [--reports 300]
    DATABASE_URL=postgres://… .venv/bin/python bench/decision_pages.py

Opens each page through Django's test client (fragment and page caches off: what is measured is
the work a page does): p50/p95 in ms, the ratio of p50 to the hello-world's, and the number of
queries. A decision of the demo (XII, 9) is measured as it is, then with ``--reports`` more
reports, each with its four steps of history, added inside a transaction that is rolled back:
the two must make the same number of queries. Target: under 150 ms for a page with hundreds of
reports. Exit status 1 if a target is missed.
"""

import argparse
import os
import statistics
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")

import django  # noqa: E402

django.setup()

from client_timing import AS_PRODUCTION, measure  # noqa: E402  (bench/client_timing.py)
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from sovet.conferences.models import (  # noqa: E402
    Decision,
    ProgressReport,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
)

TARGET_MS = 150
PAGES = [
    ("conference (XII, 18 decisions)", "/ru/conferences/xii/"),
    ("decision XII-9", "/ru/conferences/xii/9/"),
    ("decision XII-9, in English", "/en/conferences/xii/9/"),
]


class Rollback(Exception):
    pass


def add_reports(decision: Decision, count: int) -> None:
    organization = decision.organizations.first()
    start = decision.resolution.adopted_on
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(
            decision=decision,
            organization=organization,
            reported_on=start + timedelta(days=index),
            text=f"Отчёт № {index}: проведено мероприятие, участвовали жители района.",
            progress=min(100, index * 100 // count),
            status=ReportStatus.ACCEPTED,
        )
        for index in range(1, count + 1)
    )
    kinds = [ReportEventKind.SUBMITTED, ReportEventKind.ASKED_MORE, ReportEventKind.ANSWERED,
             ReportEventKind.ACCEPTED]  # fmt: skip
    ReportEvent.objects.bulk_create(
        ReportEvent(report=report, kind=kind, text="Уточните число участников.")
        for report in reports
        for kind in kinds
    )


def run(rows, repeat, hello_p50) -> tuple[bool, dict]:
    failed, queries_by_page = False, {}
    for name, path in rows:
        times, queries, status = measure(Client(), path, repeat)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        queries_by_page[path] = queries
        over = p95 > TARGET_MS or status != 200
        failed |= over
        flag = "" if status == 200 else f"  status {status}"
        print(
            f"{name:<40} {p50:8.2f} {p95:8.2f} {p50 / hello_p50:8.1f} {queries:8d}"
            f"{'  OVER' if over else ''}{flag}"
        )
    return failed, queries_by_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    decision = Decision.objects.get(resolution__conference__number=12, number=9)
    print(f"{connection.vendor}, {args.repeat} runs each")
    with AS_PRODUCTION:
        with override_settings(ROOT_URLCONF="bench.hello_urls"):
            hello, _queries, _status = measure(Client(), "/hello/", args.repeat * 5)
        hello_p50 = statistics.median(hello)
        print(f"{'hello-world':<40} p50 {hello_p50:7.2f} ms")
        print(f"{'page':<40} {'p50':>8} {'p95':>8} {'×hello':>8} {'queries':>8}")
        with override_settings(FRAGMENT_CACHE=False, PAGE_CACHE_SECONDS=0):
            failed, before = run(PAGES, args.repeat, hello_p50)
            try:
                with transaction.atomic():
                    add_reports(decision, args.reports)
                    print(f"— with {args.reports} more reports on decision 9, 4 steps each —")
                    more_failed, after = run(PAGES[1:], args.repeat, hello_p50)
                    raise Rollback
            except Rollback:
                pass
    same = all(before[path] == after[path] for _name, path in PAGES[1:])
    print("queries the same with more reports:", "yes" if same else "NO")
    return 1 if failed or more_failed or not same else 0


if __name__ == "__main__":
    sys.exit(main())
