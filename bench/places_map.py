"""Benchmark of the places map: the feed on the server, and the map's time to interactive in
Chromium on the phone profile of the browser test (e2e/test_places_map.py).

Usage (on a database holding the demo and the invented places of bench/places_seed.py):

    DATABASE_URL=sqlite:////tmp/placesbench.sqlite3 .venv/bin/python bench/places_map.py [--runs 5]

1. The feed `/ru/memory/places/map/`, in this process through Django's test client: built
   (cache empty), from the cache, and revalidated (304), median of --repeat requests each, with
   its size raw and gzipped and its number of queries.
2. The map in Chromium against gunicorn with the production settings (static files collected
   and served by WhiteNoise, compressed), tiles a blank PNG of the site: --runs fresh browser
   contexts (an empty cache: a first visit), each followed by a second visit (the browser's
   cache kept: Leaflet, and the feed, which the list links by its version), on each profile,
   medians with min-max:
   - "phone, 4G": the browser test's phone (the CPU slowed down to a BenchmarkIndex of 440 as
     Lighthouse calibrates it) on 4G (Firefox's "Regular 4G / LTE": 20 ms, 4 Mbit/s);
   - "phone": the same phone on Lighthouse's mobile network (slow 4G: 150 ms, 1.6 Mbit/s);
   - "phone, Lighthouse 4x": the same network, the CPU 4x slower whatever the host;
   - "phone CPU only": the calibrated CPU, the network not throttled.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "e2e")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sovet.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from home import (  # noqa: E402  (bench/home.py: gunicorn with the production settings)
    collectstatic,
    free_port,
    server_env,
    start_gunicorn,
    stop_gunicorn,
    wait_until_ready,
)
from playwright.sync_api import sync_playwright  # noqa: E402
from test_places_map import (  # noqa: E402  (the browser test's profile and measurement)
    LIGHTHOUSE_SLOWDOWN,
    NETWORK,
    NETWORK_4G,
    OBSERVE_MAP,
    PHONE,
    calibrated_slowdown,
    measure,
    throttle,
)

from sovet.places.models import MemorialPlace  # noqa: E402

# The budgets of a mid-range phone: interactive in under a second on 4G (a first visit) and on
# slow 4G (a returning one); a tap on a cluster starts the zoom within 100 ms.
BUDGET_MS = 1_000
TAP_BUDGET_MS = 100

CALIBRATED = "calibrated"
PROFILES = {  # name: (CPU slowdown, network)
    "phone, 4G": (CALIBRATED, NETWORK_4G),
    "phone": (CALIBRATED, NETWORK),
    "phone, Lighthouse 4x": (LIGHTHOUSE_SLOWDOWN, NETWORK),
    "phone CPU only": (CALIBRATED, None),
}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Only what a headless Chromium in a container needs; nothing that changes its speed.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url-path", default="/ru/memory/places/")
    parser.add_argument("--repeat", type=int, default=9, help="requests per feed figure (9)")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per profile (5)")
    parser.add_argument("--no-browser", action="store_true", help="the feed's figures only")
    return parser.parse_args()


def median_ms(timings: list[float]) -> str:
    return f"{statistics.median(timings) * 1000:.1f} ms"


def feed_figures(url_path: str, repeat: int) -> None:
    client = Client(SERVER_NAME="localhost", HTTP_ACCEPT_ENCODING="gzip")
    feed = f"{url_path}map/"

    def timed(**headers):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(feed, headers=headers)
        return time.perf_counter() - started, response, len(queries)

    timed()  # warm-up: templates, URL maps, the first connection
    built, cached, revalidated = [], [], []
    for _ in range(repeat):
        cache.clear()
        seconds, response, built_queries = timed()
        built.append(seconds)
        seconds, response, cached_queries = timed()
        cached.append(seconds)
        seconds, not_modified, _ = timed(if_none_match=response["ETag"])
        revalidated.append(seconds)
        assert response.status_code == 200 and not_modified.status_code == 304
    gzipped = len(response.content)
    raw = len(client.get(feed, headers={"accept-encoding": ""}).content)
    places = MemorialPlace.objects.filter(status="published", latitude__isnull=False).count()
    print(f"Feed {feed}: {places:,} places, {raw / 1024:.0f} KB ({gzipped / 1024:.0f} KB gzipped)")
    print(f"  built (cache empty)   {median_ms(built):>10}  ({built_queries} queries)")
    print(f"  from the cache        {median_ms(cached):>10}  ({cached_queries} queries)")
    print(f"  revalidated, 304      {median_ms(revalidated):>10}")


def browser_figures(url_path: str, runs: int) -> None:
    port = free_port()
    env = server_env(port)
    # An absolute address, as a tile server's would be (the CSP allows its origin).
    env["MAP_TILE_URL"] = f"http://127.0.0.1:{port}/static/places/blank-tile.png"
    print("Collecting static files into var/static …")
    collectstatic(env)
    log = tempfile.NamedTemporaryFile(prefix="sovet-bench-map-", suffix=".log", delete=False)  # noqa: SIM115
    process = start_gunicorn(port, env, workers=2, threads=4, log=log)
    try:
        wait_until_ready(process, port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            url = f"http://127.0.0.1:{port}{url_path}"
            warm_up(browser, url)
            for name, (cpu, network) in PROFILES.items():
                first, again = [], []
                for _ in range(runs):
                    context = browser.new_context(
                        extra_http_headers={"X-Forwarded-Proto": "https"}, **PHONE
                    )
                    context.add_init_script(OBSERVE_MAP)
                    page = context.new_page()
                    slowdown = cpu
                    if cpu == CALIBRATED:
                        index, slowdown = calibrated_slowdown(page)
                        print(f"  host BenchmarkIndex {index:.0f}: CPU slowed down {slowdown}x")
                    throttle(page, cpu=slowdown, network=network)
                    first.append(measure(page, url))
                    again.append(measure(page, url))
                    context.close()
                print_profile(name, first, again)
            browser.close()
    finally:
        stop_gunicorn(process)
        log.close()
    Path(log.name).unlink(missing_ok=True)


def warm_up(browser, url: str) -> None:
    """One unthrottled visit: the server's caches and the browser's fonts, as in production."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"}, **PHONE)
    context.add_init_script(OBSERVE_MAP)
    page = context.new_page()
    measure(page, url, quiet_ms=0)
    context.close()


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.0f} ms ({min(values):.0f}-{max(values):.0f})"


def budget(values: list[float], limit: float) -> str:
    return "within" if statistics.median(values) < limit else "OVER"


def print_profile(name: str, first: list[dict], again: list[dict]) -> None:
    print(f"Map, profile {name!r}, {len(first)} runs: median (min-max)")
    for label, runs in (("first visit", first), ("second visit", again)):
        interactive = [run["interactive"] for run in runs]
        taps = [run["tap"] for run in runs]
        print(
            f"  {label:<13} interactive {spread(interactive)}  "
            f"{budget(interactive, BUDGET_MS)} the {BUDGET_MS:,} ms budget"
        )
        print(f"  {'':<13} HTML        {spread([run['html'] for run in runs])}")
        print(f"  {'':<13} feed        {spread([run['feedEnd'] or 0 for run in runs])}")
        print(f"  {'':<13} first view  {spread([run['ready'] for run in runs])}")
        print(f"  {'':<13} all places  {spread([run['complete'] for run in runs])}")
        print(
            f"  {'':<13} tap to zoom {spread(taps)}  "
            f"{budget(taps, TAP_BUDGET_MS)} the {TAP_BUDGET_MS} ms budget"
        )


def main() -> int:
    args = parse_args()
    feed_figures(args.url_path, args.repeat)
    if not args.no_browser:
        browser_figures(args.url_path, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
