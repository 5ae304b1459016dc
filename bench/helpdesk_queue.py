"""The help desk's queue under a year of work: the page's time and queries, as a ratio to a Django
hello-world measured in the same process and run.

Usage (after bench/helpdesk_seed.py — 2,000 requests, 10,000 messages by default):

    .venv/bin/python bench/helpdesk_queue.py [--repeat 20]
    DATABASE_URL=postgres://… .venv/bin/python bench/helpdesk_queue.py

Signs a Bishkek consultant in (made if missing: bench-helpdesk@example.org, a member of the
Bishkek centre) and opens the queue through Django's test client: every tab, each filter, a page
deep into the list, and a request's page. For each: p50/p95 in ms, the ratio of p50 to the
hello-world's, and the number of queries. Target (issue 17): under 150 ms, and the same number of
queries whatever the tab, filter or page. Exit status 1 if a target is missed.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.dev")
os.environ["STAFF_REQUIRE_2FA"] = "false"  # the test client signs in without the second step

import django  # noqa: E402

django.setup()


from client_timing import AS_PRODUCTION, measure  # noqa: E402  (bench/client_timing.py)
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from sovet.accounts.models import User  # noqa: E402
from sovet.accounts.roles import Role  # noqa: E402
from sovet.helpdesk.models import Centre, CentreMember, HelpRequest  # noqa: E402

TARGET_MS = 150
EMAIL = "bench-helpdesk@example.org"


def consultant() -> User:
    user, _created = User.objects.get_or_create(email=EMAIL, defaults={"is_active": True})
    user.groups.add(Group.objects.get(name=str(Role.HELPDESK_STAFF)))
    bishkek = Centre.objects.get(code="bishkek")
    CentreMember.objects.get_or_create(centre=bishkek, user=user)
    if not HelpRequest.objects.filter(assignee=user).exists():  # "mine" is a list, not empty
        open_ones = HelpRequest.objects.filter(centre=bishkek, status="in_progress")
        HelpRequest.objects.filter(pk__in=open_ones.values("pk")[:40]).update(assignee=user)
    return user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    bishkek = Centre.objects.get(code="bishkek")
    total = HelpRequest.objects.filter(centre=bishkek).count()
    print(
        f"{HelpRequest.objects.count():,} requests ({total:,} in Bishkek), "
        f"{connection.vendor}, {args.repeat} runs each"
    )
    client = Client()
    client.force_login(consultant())
    one = HelpRequest.objects.filter(centre=bishkek).order_by("-created_at").first()
    cases = [
        ("open (default)", "/admin/helpdesk/"),
        ("new", "/admin/helpdesk/?tab=new"),
        ("mine", "/admin/helpdesk/?tab=mine"),
        ("waiting", "/admin/helpdesk/?tab=waiting"),
        ("overdue", "/admin/helpdesk/?tab=overdue"),
        ("finished", "/admin/helpdesk/?tab=finished"),
        ("topic", "/admin/helpdesk/?tab=open&topic=resettlement"),
        ("language", "/admin/helpdesk/?tab=open&language=ky"),
        ("older than 30 days", "/admin/helpdesk/?tab=open&age=30"),
        ("all filters", "/admin/helpdesk/?tab=finished&topic=labour&language=ru&age=7"),
        ("open, page 10", "/admin/helpdesk/?tab=open&page=10"),
    ]
    with override_settings(ROOT_URLCONF="bench.hello_urls"):
        hello, _queries, _status = measure(client, "/hello/", args.repeat * 5)
    hello_p50 = statistics.median(hello)
    print(f"{'hello-world':<22} p50 {hello_p50:7.2f} ms")
    print(f"{'page':<22} {'p50':>8} {'p95':>8} {'×hello':>8} {'queries':>8}")
    failed, counts = False, set()
    rows = cases + ([("a request's page", f"/admin/helpdesk/{one.pk}/")] if one else [])
    rows.append(("admin home (for scale)", "/admin/"))
    for name, path in rows:
        times, queries, status = measure(client, path, args.repeat)
        p50 = statistics.median(times)
        p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
        slow = p50 > TARGET_MS
        failed |= slow or status != 200
        if path.startswith("/admin/helpdesk/?") or path == "/admin/helpdesk/":
            counts.add(queries)
        mark = " SLOW" if slow else ""
        mark += f" status {status}" if status != 200 else ""
        print(f"{name:<22} {p50:8.1f} {p95:8.1f} {p50 / hello_p50:8.0f} {queries:8d}{mark}")
    same = len(counts) == 1
    print(f"queue queries: {sorted(counts)} — {'constant' if same else 'NOT constant'}")
    return 0 if same and not failed else 1


if __name__ == "__main__":
    with AS_PRODUCTION:
        sys.exit(main())
