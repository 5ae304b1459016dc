"""Benchmark of the home page under gunicorn with the production settings.

Usage (after `make demo`, which `make bench` runs first):

    .venv/bin/python bench/home.py [--url-path /ru/] [--duration 10] [--concurrency 8] [--workers 2]

It collects the static files, starts gunicorn on a free local port against the embedded SQLite
database in var/, warms up, then reports: the median server time of single requests sent one
after another, requests per second and latency percentiles under concurrent load (a pure-Python
load generator: threads and http.client), errors, and the page weight (HTML, CSS and JS).
Gunicorn is always stopped at the end.
"""

import argparse
import gzip
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = ROOT / "var" / "sovet.sqlite3"
# Production settings redirect plain HTTP to HTTPS; behind a proxy this header says HTTPS was used.
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "sovet-bench"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url-path", default="/ru/", help="page to measure (default: /ru/)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load (10)")
    parser.add_argument("--requests", type=int, default=0, help="stop the load after N requests")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1: sync)")
    parser.add_argument("--serial", type=int, default=200, help="serial requests (200)")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sovet.settings.production",
        "SECRET_KEY": "bench-only-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
    }


def collectstatic(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_gunicorn(port: int, env: dict, workers: int, threads: int, log):
    command = [
        str(BIN / "gunicorn"),
        "sovet.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--log-level",
        "warning",
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop_gunicorn(process) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_ready(process, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            if fetch(connection, "/healthz")[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def fetch(connection, path: str, extra_headers=None):
    """One GET on a (reused) connection: returns status, headers and body."""
    connection.request("GET", path, headers={**HEADERS, **(extra_headers or {})})
    response = connection.getresponse()
    body = response.read()
    if response.will_close:
        connection.close()  # http.client reopens it for the next request
    return response.status, response.headers, body


def serial(port: int, path: str, count: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            status, _, _ = fetch(connection, path)
            timings.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}")
    finally:
        connection.close()
    return timings


def load(port: int, path: str, concurrency: int, duration: float, limit: int = 0):
    """Concurrent clients, each on its own keep-alive connection, for `duration` seconds."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + duration
    sent = iter(range(limit)) if limit else None

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, my_errors = [], []
        try:
            while time.perf_counter() < deadline:
                if sent is not None and next(sent, None) is None:
                    break
                start = time.perf_counter()
                try:
                    status, _, _ = fetch(connection, path)
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    my_errors.append(type(error).__name__)
                    continue
                mine.append(time.perf_counter() - start)
                if status != 200:
                    my_errors.append(str(status))
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                errors.extend(my_errors)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


class AssetFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.css, self.js = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def page_weight(port: int, path: str) -> list[tuple[str, int, int, int]]:
    """(label, files, bytes, bytes as sent to a browser that accepts gzip and brotli)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    compressed = {"Accept-Encoding": "br, gzip"}
    try:
        _, _, html = fetch(connection, path)
        _, headers, html_sent = fetch(connection, path, compressed)
        rows = [("HTML", 1, len(html), len(html_sent))]
        finder = AssetFinder()
        finder.feed(html.decode("utf-8", "replace"))
        base = f"http://127.0.0.1:{port}{path}"
        for label, urls in (("CSS", finder.css), ("JS", finder.js)):
            raw = sent = 0
            for url in urls:
                target = urlsplit(urljoin(base, url))
                if target.netloc not in ("", f"127.0.0.1:{port}"):
                    continue  # other origins are not the site's weight
                asset = target.path + (f"?{target.query}" if target.query else "")
                status, _, body = fetch(connection, asset)
                if status != 200:
                    raise RuntimeError(f"GET {asset} answered {status}")
                _, _, body_sent = fetch(connection, asset, compressed)
                raw += len(body)
                sent += len(body_sent)
            rows.append((label, len(urls), raw, sent))
    finally:
        connection.close()
    if headers.get("Content-Encoding") is None:
        # The HTML is not compressed by Django; a front proxy usually does: show what gzip gives.
        rows[0] = ("HTML", 1, len(html), len(gzip.compress(html)))
    return rows


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def kb(size: int) -> str:
    return f"{size / 1024:8.1f} KB"


def percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def main() -> int:
    args = parse_args()
    if not DATABASE.exists():
        print(f"No database at {DATABASE}: run `make demo` first.", file=sys.stderr)
        return 1
    port = free_port()
    env = server_env(port)
    print(f"Collecting static files into var/static … (gunicorn will listen on 127.0.0.1:{port})")
    collectstatic(env)

    log = tempfile.NamedTemporaryFile(prefix="sovet-bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = start_gunicorn(port, env, args.workers, args.threads, log)
    try:
        wait_until_ready(process, port)
        # Warm-up: every worker loads its templates, URL maps and caches.
        serial(port, args.url_path, 20)
        load(port, args.url_path, args.concurrency, min(2.0, args.duration))

        serial_times = serial(port, args.url_path, args.serial)
        latencies, errors, elapsed = load(
            port, args.url_path, args.concurrency, args.duration, args.requests
        )
        weight = page_weight(port, args.url_path)
    except Exception:
        log.flush()
        print(f"\nBenchmark failed; gunicorn's log ({log.name}):", file=sys.stderr)
        print(Path(log.name).read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        stop_gunicorn(process)
        log.close()
    Path(log.name).unlink(missing_ok=True)

    kind = "sync" if args.threads == 1 else f"gthread x{args.threads}"
    p50, p95, p99 = percentiles(latencies) if len(latencies) > 1 else (0.0, 0.0, 0.0)
    s50, s95, _ = percentiles(serial_times)
    done = len(latencies)
    rule = "-" * 62
    print()
    print(f"GET {args.url_path}  gunicorn: {args.workers} {kind} workers, production settings,")
    print(f"SQLite {DATABASE.relative_to(ROOT)}, client and server on this machine")
    print(rule)
    print(f"Serial: {args.serial} requests, one client")
    print(f"  server time, median              {ms(s50)}")
    print(f"  server time, p95                 {ms(s95)}")
    print(rule)
    print(f"Load: {args.concurrency} concurrent clients for {elapsed:.1f} s")
    print(f"  requests completed               {done:8d}")
    print(f"  requests/second                  {done / elapsed:8.1f}")
    print(f"  latency p50                      {ms(p50)}")
    print(f"  latency p95                      {ms(p95)}")
    print(f"  latency p99                      {ms(p99)}")
    print(f"  errors                           {len(errors):8d}", end="")
    if errors:
        print(f"   ({', '.join(f'{e} x{errors.count(e)}' for e in sorted(set(errors)))})", end="")
    print()
    print(rule)
    print("Page weight                   files        raw   compressed")
    for label, files, raw, sent in weight:
        print(f"  {label:<26}{files:7d} {kb(raw)} {kb(sent)}")
    total_files = sum(row[1] for row in weight)
    total_raw = sum(row[2] for row in weight)
    total_sent = sum(row[3] for row in weight)
    print(f"  {'HTML + CSS + JS':<26}{total_files:7d} {kb(total_raw)} {kb(total_sent)}")
    print(rule)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
