"""Every public page type under load, as a ratio to a Django hello-world served in the same run.

Usage (after `make demo`; needs wrk: `apt-get install -y wrk` on Debian/Ubuntu):

    .venv/bin/python bench/pages.py [--duration 5] [--connections 16] [--workers 2]
    .venv/bin/python bench/pages.py --page-cache            # with the full-page cache on
    .venv/bin/python bench/pages.py --only home,news,event  # some pages (names as printed)

It collects the static files, starts gunicorn (sync workers) with the production settings and
/hello/ added (bench/settings.py) on a free local port against the embedded SQLite database in
var/, with the full-page cache off (PAGE_CACHE_SECONDS=0) unless --page-cache is given, and the
cache in Redis (REDIS_URL, default redis://127.0.0.1:6379/5; flushed first so every run starts
from the same state). Then, one address at a time, it warms up and runs wrk for --duration
seconds: first /hello/, then every public page type (addresses of objects are read from the
index pages' links). It prints requests/s, the ratio to hello-world, latency p50/p99 and whether
each page meets the target: 8% of hello-world with the page cache off, 50% with it on.
Requests say `X-Forwarded-Proto: https` (as the proxy in front would) and accept gzip, as
browsers do. Exit status 1 if a request failed or answered other than 200.
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from home import (  # noqa: E402
    DATABASE,
    HEADERS,
    ROOT,
    collectstatic,
    fetch,
    free_port,
    start_gunicorn,
    stop_gunicorn,
    wait_until_ready,
)

TARGET_UNCACHED = 0.08
TARGET_CACHED = 0.5

# (name, address) or (name, (index address, pattern of a link on it)): the first link matching.
PAGES = [
    ("home", "/ru/"),
    ("standard page", "/ru/about/"),
    ("news index", "/ru/news/"),
    ("news page", ("/ru/news/", r"/ru/news/(?!feed/)[-\w]+/")),
    ("documents", "/ru/documents/"),
    ("document", ("/ru/documents/", r"/ru/documents/\d+/")),
    ("contact", "/ru/contact/"),
    ("site search", "/ru/search/?q=память"),
    ("site map", "/ru/sitemap/"),
    ("organizations", "/ru/organizations/"),
    ("organization", ("/ru/organizations/", r"/ru/organizations/(?!map/|on-the-map/)[-\w]+/")),
    ("organizations map", "/ru/organizations/on-the-map/"),
    ("council", "/ru/council/"),
    ("conferences", "/ru/conferences/"),
    ("conference XII", "/ru/conferences/xii/"),
    ("events", "/ru/events/"),
    ("events month", "/ru/events/?view=month"),
    ("event", ("/ru/events/", r"/ru/events/\d+/")),
    ("campaign", ("/ru/events/", r"/ru/events/campaigns/[-\w]+/")),
    (
        "campaign map",
        (("/ru/events/", r"/ru/events/campaigns/[-\w]+/"), r"/ru/events/campaigns/[-\w]+/\d+/map/"),
    ),
    ("memory", "/ru/memory/"),
    ("memory search", "/ru/memory/?q=Иванов"),
    ("memory card", ("/ru/memory/", r"/ru/memory/\d+/")),
    ("story form", "/ru/memory/stories/new/"),
    ("help desk", "/ru/help/"),
    ("help article", ("/ru/help/", r"/ru/help/(?!request/|suggest/|r/)[-\w]+/")),
    ("help request form", "/ru/help/request/"),
    ("places", "/ru/memory/places/"),
    ("place", ("/ru/memory/places/", r"/ru/memory/places/\d+/")),
    ("places map feed", "/ru/memory/places/map/"),
    ("place report form", "/ru/memory/places/report/"),
    ("home (en)", "/en/"),
    ("home (ky)", "/ky/"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page (5)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--page-cache", action="store_true", help="PAGE_CACHE_SECONDS=600")
    parser.add_argument("--only", default="", help="comma-separated page names (hello always)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5", help="REDIS_URL")
    return parser.parse_args()


def server_env(port: int, page_cache: bool, redis: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "REDIS_URL": redis,
        "PYTHONUNBUFFERED": "1",
    }


def flush_cache(env: dict) -> None:
    code = "from django.core.cache import cache; cache.clear()"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        status, _, body = fetch(connection, quote(path, safe="/?=&%"))
    finally:
        connection.close()
    return status, body.decode("utf-8", "replace")


def resolve(port: int, spec) -> str:
    """An address, or the first link on an index page matching a pattern."""
    if isinstance(spec, str):
        return spec
    index, pattern = spec
    index = resolve(port, index)
    status, body = get(port, index)
    if status != 200:
        raise RuntimeError(f"GET {index} answered {status}")
    for link in re.findall(r'href="([^"#?]+)"', body):
        link = unescape(link)
        if re.fullmatch(pattern, link):
            return link
    raise RuntimeError(f"no link like {pattern} on {index}")


def wrk(port: int, path: str, args) -> dict:
    url = f"http://127.0.0.1:{port}{quote(path, safe='/?=&%')}"
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += [
        "--timeout",
        "30s",
        "--latency",
        "-H",
        f"X-Forwarded-Proto: {HEADERS['X-Forwarded-Proto']}",
    ]
    command += ["-H", "Accept-Encoding: gzip", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for label, key in (("50%", "p50"), ("99%", "p99")):
        match = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        result[key] = value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    result["errors"] = int(bad.group(1)) if bad else 0
    if errors and re.search(r"(connect|read|write|timeout) [1-9]", errors.group(0)):
        result["errors"] += 1
    return result


def main() -> int:
    args = parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)")
        return 2
    if not DATABASE.exists():
        print(f"No database at {DATABASE}: run `make demo` first.")
        return 2
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    pages = [(name, spec) for name, spec in PAGES if not only or name in only]
    unknown = only - {name for name, _ in PAGES}
    if unknown:
        print(
            "Unknown pages:", ", ".join(sorted(unknown)), "— known:", ", ".join(n for n, _ in PAGES)
        )
        return 2
    port = free_port()
    env = server_env(port, args.page_cache, args.redis)
    collectstatic(env)
    flush_cache(env)
    failed = False
    with tempfile.TemporaryFile() as log:
        server = start_gunicorn(port, env, args.workers, 1, log)
        try:
            wait_until_ready(server, port)
            rows = []
            for name, spec in [("hello-world", "/hello/"), *pages]:
                path = resolve(port, spec)
                status, _ = get(port, path)
                if status != 200:
                    print(f"{name}: GET {path} answered {status}")
                    failed = True
                    continue
                for _ in range(3):  # warm-up: each worker's templates, caches, connection
                    get(port, path)
                rows.append((name, path, wrk(port, path, args)))
                print(f"{name}: {rows[-1][2]['rps']:.1f} req/s", file=sys.stderr, flush=True)
                time.sleep(0.5)
        finally:
            stop_gunicorn(server)
            if failed or server.returncode not in (0, None, -15):
                log.seek(0)
                sys.stdout.write(log.read().decode("utf-8", "replace")[-4000:])
    target = TARGET_CACHED if args.page_cache else TARGET_UNCACHED
    hello = rows[0][2]["rps"]
    cache = "on (600 s)" if args.page_cache else "off"
    print(
        f"\n{args.workers} gunicorn sync workers, wrk {args.connections} connections × "
        f"{args.duration:g} s, page cache {cache}, target ≥ {target:.0%} of hello-world\n"
    )
    print(
        f"| {'page':<18} | {'address':<58} | {'req/s':>8} | {'× hello':>7} |"
        f" {'p50 ms':>7} | {'p99 ms':>7} | target |"
    )
    print(f"|{'-' * 20}|{'-' * 60}|{'-' * 9}:|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|--------|")
    below = []
    for name, path, result in rows:
        ratio = result["rps"] / hello
        meets = ratio >= target
        if name != "hello-world" and not meets:
            below.append(name)
        if result["errors"]:
            failed = True
        mark = "" if name == "hello-world" else ("yes" if meets else "NO")
        if result["errors"]:
            mark += f" {result['errors']} errors"
        print(
            f"| {name:<18} | {path:<58} | {result['rps']:8.1f} | {ratio:7.3f} |"
            f" {result['p50']:7.1f} | {result['p99']:7.1f} | {mark:<6} |"
        )
    print()
    if below:
        print(f"Below {target:.0%} of hello-world: {', '.join(below)}.")
    else:
        print(f"Every page meets {target:.0%} of hello-world.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
