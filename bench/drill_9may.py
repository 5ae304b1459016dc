"""The 9 May drill: the whole stack (deploy/stack) under a mixed load, with things going wrong.

Usage (not in CI; about 6 minutes with the defaults; needs wrk: `apt-get install wrk`):

    deploy/stack up
    .venv/bin/python bench/drill_9may.py [--duration 300] [--connections 1000]

Through Varnish (http://127.0.0.1:8100), at once, for --duration seconds:
- 75% of the connections: wrk GETs of home, memory and events pages (cacheable), at random;
- 15%: wrk GETs of memory name searches, each with its own query string (not cacheable);
- 10%: visitors in Python threads who fetch a form token and send an event registration or a
  story, each from its own address (127.x.y.z: the loopback takes any), so rate limits count
  people, not the drill.
Meanwhile, at fixed moments: an editor publishes news (the home page must show it within 2 s);
app server 1 is killed (SIGKILL) and started again; PostgreSQL is restarted (the site must
recover by itself within 10 s); Redis is stopped for 20 s (pages must still be served) and
started again. A prober asks for a cached page and an uncached search four times a second all
along, so errors can be placed on the timeline.

At the end: wrk's latency percentiles and 5xx counts, the writers' accepted and failed sends,
every accepted registration and story looked up in the database (none may be missing), the seats
of the drill's event (never more confirmed than its capacity), and the chaos timings. The
report is printed and saved in var/drill/<time>.json.
"""

import argparse
import http.client
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "deploy" / "stack"
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST, PORT = "127.0.0.1", 8100
SITE = f"http://{HOST}:{PORT}"
CAPACITY = 150  # the drill event's seats: far fewer than the registrations sent
EVENT_TITLE = "Вечер русского романса"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds of load (300)")
    parser.add_argument("--connections", type=int, default=1000, help="concurrent (1000)")
    parser.add_argument(
        "--think-ms",
        type=int,
        default=1000,
        help="a visitor's pause between requests, on average (1000; 0: none, a stress test)",
    )
    return parser.parse_args()


# -- The stack ----------------------------------------------------------------------------------


def stack(*args: str, check: bool = True) -> str:
    done = subprocess.run([str(STACK), *args], cwd=ROOT, capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"deploy/stack {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def stack_env() -> dict:
    pairs = (line.split("=", 1) for line in stack("env").splitlines() if "=" in line)
    return {**os.environ, **dict(pairs)}


def django(env: dict, code: str) -> dict:
    """Run code with Django set up on the stack's database; it prints one JSON line."""
    prelude = "import django, json, time\ndjango.setup()\n"
    done = subprocess.run(  # the code on stdin: the lists of e-mails outgrow a command line
        [str(PYTHON), "-"],
        input=prelude + code,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"Django step failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


PREPARE = f"""
from sovet.events.models import Event
from sovet.memory.models import WarParticipant
from sovet.events.models import EventIndexPage
event = Event.objects.get(title_ru={EVENT_TITLE!r})
event.capacity = {CAPACITY}
event.save()  # through the model: the cached pages hear of it
event.registrations.all().delete()
cards = list(WarParticipant.objects.filter(status="published").values_list("pk", "surname", "given_name"))
events = list(Event.objects.filter(status="published").values_list("pk", flat=True))
pages = ["/ru/", "/ky/", "/en/", "/ru/memory/", "/ru/events/", "/ru/memory/places/", "/ru/news/"]
pages += [f"/ru/memory/{{pk}}/" for pk, _s, _g in cards[:300]]
pages += [f"/ru/events/{{pk}}/" for pk in events[:50]]
print(json.dumps({{"event": event.pk, "pages": pages, "cards": [pk for pk, _s, _g in cards[:50]],
    "surnames": sorted({{s for _p, s, _g in cards}}), "given": sorted({{g for _p, _s, g in cards if g}})}}))
"""

PUBLISH = """
from wagtail.models import Locale
from sovet.site.models import NewsIndexPage, NewsPage
from django.utils import timezone
index = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="ru"))
news = NewsPage(title=TITLE, slug=f"drill-{int(time.time())}", date=timezone.localdate(),
                intro="Учения 9 мая.")
index.add_child(instance=news)
news.save_revision().publish()
print(json.dumps({"published_at": time.time()}))
"""

VERIFY = """
from sovet.events.models import Event, Registration
from sovet.memory.models import Story
from django.db.models import Sum
event = Event.objects.get(pk=EVENT)
registrations = Registration.objects.filter(event=event)
confirmed = registrations.filter(status="confirmed").aggregate(seats=Sum("seats"))["seats"] or 0
emails = set(registrations.values_list("email", flat=True))
stories = set(Story.objects.filter(submitter_email__in=STORY_EMAILS).values_list("submitter_email", flat=True))
print(json.dumps({
    "capacity": event.capacity, "confirmed_seats": confirmed,
    "waiting": registrations.filter(status="waitlisted").count(),
    "registrations_stored": len(emails),
    "registrations_missing": sorted(set(REGISTRATION_EMAILS) - emails),
    "stories_missing": sorted(set(STORY_EMAILS) - stories),
}))
"""


# -- Visitors who write ---------------------------------------------------------------------


class Writers:
    """Visitors sending a registration or a story, each send from a new loopback address."""

    def __init__(self, count, event, cards, stop_at, started, think_ms):
        self.count, self.event, self.cards, self.think = count, event, cards, think_ms / 1000
        self.stop_at, self.started = stop_at, started
        self.lock = threading.Lock()
        self.accepted = {"registration": [], "story": []}
        self.refused = {"registration": 0, "story": 0}  # 429: a rate limit, as documented
        self.failed: list[tuple[float, str, str]] = []  # (second, kind, status or error)
        self.latencies: list[float] = []

    def run(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.visitor, args=(n,), daemon=True) for n in range(self.count)
        ]
        for thread in threads:
            thread.start()
        return threads

    def visitor(self, n: int) -> None:
        rnd = random.Random(n)
        kind = "registration" if n % 2 == 0 else "story"
        sent = 0
        while time.time() < self.stop_at:
            sent += 1
            address = f"127.{rnd.randint(1, 254)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"
            email = f"drill-{kind}-{n}-{sent}@example.org"
            started = time.time()
            try:
                status, accepted = self.send(kind, address, email, rnd)
            except (OSError, http.client.HTTPException) as error:
                status, accepted = type(error).__name__, False
            with self.lock:
                self.latencies.append(time.time() - started)
                if accepted:
                    self.accepted[kind].append(email)
                elif status == 429:
                    self.refused[kind] += 1
                else:
                    self.failed.append((round(started - self.started, 1), kind, str(status)))
            time.sleep(rnd.uniform(0.5, 1.5) * max(self.think, 0.2))  # reading, typing

    def send(self, kind: str, address: str, email: str, rnd: random.Random):
        connection = http.client.HTTPConnection(HOST, PORT, timeout=60, source_address=(address, 0))
        try:
            connection.request("GET", "/csrf/", headers={"User-Agent": "sovet-drill"})
            answer = connection.getresponse()
            token = answer.read().decode()
            if answer.status != 200:
                return answer.status, False
            cookie = answer.getheader("Set-Cookie", "").split(";", 1)[0]
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Origin": SITE,
                "User-Agent": "sovet-drill",
            }
            if kind == "registration":
                path = f"/ru/events/{self.event}/"
                data = {"name": "Участник учений", "email": email, "seats": "1", "consent": "on"}
            else:
                path = f"/ru/memory/{rnd.choice(self.cards)}/stories/new/"
                data = {
                    "text": "Дедушка прошёл всю войну и вернулся домой в 1945 году.",
                    "relation": "grandchild",
                    "submitter_name": "Участник учений",
                    "submitter_email": email,
                    "consent": "on",
                    "consent_alive": "on",  # some cards are of people who may be alive
                }
            connection.request(
                "POST", path, urlencode({**data, "csrfmiddlewaretoken": token}), headers
            )
            answer = connection.getresponse()
            body = answer.read()
            if kind == "registration":
                accepted = (
                    answer.status == 200
                    and b'role="status"' in body
                    and b'class="errors"' not in body
                )
            else:
                # A story with an e-mail waits for its confirmation: the page asks for it.
                accepted = answer.status == 200 and "Подтвердите".encode() in body
            return answer.status, accepted
        finally:
            connection.close()


# -- The prober and the chaos ------------------------------------------------------------------


class Prober:
    """A cached page and an uncached search, four times a second: where errors fall in time."""

    def __init__(self, started: float, stop_at: float, surnames: list[str]):
        self.started, self.stop_at, self.surnames = started, stop_at, surnames
        self.samples: list[tuple[float, str, int | str, float]] = []

    def run(self) -> threading.Thread:
        thread = threading.Thread(target=self.loop, daemon=True)
        thread.start()
        return thread

    def loop(self) -> None:
        n = 0
        while time.time() < self.stop_at:
            n += 1
            for what, path in (
                ("page", "/ru/"),
                ("search", search_path(random.choice(self.surnames), probe=n)),
            ):
                self.samples.append((round(time.time() - self.started, 2), what, *get(path)))
            time.sleep(0.25)

    def errors(self) -> list:
        return [
            sample for sample in self.samples if not isinstance(sample[2], int) or sample[2] >= 500
        ]


def search_path(query: str, **extra) -> str:
    """A name search in the archive; ``extra`` parameters make it an address nobody asked yet."""
    return "/ru/memory/?" + urlencode({"q": query, **extra})


def get(path: str, timeout: float = 30) -> tuple[int | str, float]:
    started = time.time()
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "sovet-drill"})
        answer = connection.getresponse()
        answer.read()
        return answer.status, round(time.time() - started, 3)
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, round(time.time() - started, 3)
    finally:
        connection.close()


def body_of(path: str) -> str:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=10)
    try:
        connection.request("GET", path, headers={"User-Agent": "sovet-drill"})
        return connection.getresponse().read().decode(errors="replace")
    except (OSError, http.client.HTTPException):
        return ""
    finally:
        connection.close()


def wait_until(check, limit: float, step: float = 0.1) -> float | None:
    """Seconds until check() is true, or None after limit seconds."""
    started = time.time()
    while time.time() - started < limit:
        if check():
            return round(time.time() - started, 2)
        time.sleep(step)
    return None


def chaos(env: dict, duration: int, started: float, surnames: list[str], report: dict) -> None:
    def at(fraction: float) -> None:
        time.sleep(max(0.0, started + duration * fraction - time.time()))

    def backend_answers() -> bool:  # a search Varnish cannot have: Django and the database
        return get(search_path(random.choice(surnames), check=time.time_ns()), timeout=5)[0] == 200

    at(0.15)
    title = f"Учения 9 мая {time.strftime('%H:%M:%S')}"
    published = django(env, f"TITLE = {title!r}\n" + PUBLISH)["published_at"]
    seen = wait_until(lambda: title in body_of("/ru/"), 30)
    report["news_visible_after_s"] = None if seen is None else round(time.time() - published - 0, 2)
    report["news_published_at_s"] = round(published - started, 1)

    at(0.30)
    pid = (ROOT / "var/stack/run/app1.pid").read_text().strip()
    killed_at = time.time()
    subprocess.run(["kill", "-KILL", "--", f"-{pid}"], check=False)
    time.sleep(10)
    stack("up")
    report["app1_killed_at_s"] = round(killed_at - started, 1)
    report["app1_back_after_s"] = round(time.time() - killed_at, 1)

    at(0.50)
    restart_at = time.time()
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            str(pg_bin / "pg_ctl"),
            "-D",
            str(ROOT / "var/stack/pg"),
            "-m",
            "fast",
            "-w",
            "restart",
            "-l",
            str(ROOT / "var/stack/pg/server.log"),
        ],
        check=True,
        capture_output=True,
    )
    restarted_at = time.time()
    recovered = wait_until(backend_answers, 60, step=0.2)
    report["postgres_restart_at_s"] = round(restart_at - started, 1)
    report["postgres_restart_took_s"] = round(restarted_at - restart_at, 1)
    report["site_recovered_after_postgres_s"] = recovered

    at(0.70)
    redis_port = env.get("REDIS_URL", "redis://127.0.0.1:6380/0").rsplit(":", 1)[1].split("/")[0]
    stopped_at = time.time()
    subprocess.run(
        ["redis-cli", "-p", redis_port, "shutdown", "nosave"], check=False, capture_output=True
    )
    answers = []
    while time.time() - stopped_at < 20:
        answers.append(get("/ru/")[0])
        answers.append(get(search_path(random.choice(surnames), redis=time.time_ns()))[0])
        time.sleep(0.5)
    stack("up")
    report["redis_stopped_at_s"] = round(stopped_at - started, 1)
    report["answers_without_redis"] = {str(code): answers.count(code) for code in set(answers)}


# -- The run --------------------------------------------------------------------------------


def wrk(
    connections: int, threads: int, duration: int, paths: list[str], think_ms: int
) -> subprocess.Popen:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "20s",
        "-s",
        str(ROOT / "bench/drill_pages.lua"),
        SITE,
    ]
    return subprocess.Popen(
        command,
        env={**os.environ, "DRILL_PATHS": listing.name, "DRILL_THINK_MS": str(think_ms)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wrk_result(process: subprocess.Popen) -> dict:
    output = process.communicate()[0]
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {"error": output[-2000:]}


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return (
        round(values[min(len(values) - 1, int(len(values) * share))] * 1000, 1) if values else 0.0
    )


def main() -> None:
    args = parse_args()
    if not subprocess.run(["which", "wrk"], capture_output=True).returncode == 0:
        raise SystemExit("wrk is needed: apt-get install wrk")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 1,000 sockets and more
    stack("up")
    env = stack_env()
    data = django(env, PREPARE)
    rnd = random.Random(9)
    searches = sorted({search_path(f"{s} {g}") for s in data["surnames"] for g in data["given"]})
    searches += [search_path(rnd.choice(data["surnames"]), page=n) for n in range(2000)]
    rnd.shuffle(searches)
    for path in data["pages"][:20]:  # warm: the first visitor of each page pays once
        get(path)

    pages_c = int(args.connections * 0.75)
    search_c = int(args.connections * 0.15)
    writers_c = args.connections - pages_c - search_c
    started = time.time()
    stop_at = started + args.duration
    print(
        f"Drill: {args.connections} connections ({pages_c} pages, {search_c} searches, "
        f"{writers_c} writers), {args.think_ms} ms between a visitor's requests, "
        f"for {args.duration} s through {SITE}",
        flush=True,
    )
    pages = wrk(pages_c, 2, args.duration, data["pages"], args.think_ms)
    search = wrk(search_c, 1, args.duration, searches, args.think_ms)
    writers = Writers(writers_c, data["event"], data["cards"], stop_at, started, args.think_ms)
    writer_threads = writers.run()
    prober = Prober(started, stop_at, data["surnames"])
    prober_thread = prober.run()
    report: dict = {
        "connections": args.connections,
        "duration_s": args.duration,
        "think_ms": args.think_ms,
    }
    chaos(env, args.duration, started, data["surnames"], report)

    report["pages"] = wrk_result(pages)
    report["searches"] = wrk_result(search)
    for thread in [*writer_threads, prober_thread]:
        thread.join(timeout=90)
    report["writers"] = {
        "accepted": {kind: len(emails) for kind, emails in writers.accepted.items()},
        "refused_429": writers.refused,
        "failed": len(writers.failed),
        "failures": writers.failed[:50],
        # When they failed (seconds from the start, rounded down): the chaos's windows show.
        "failed_by_second": dict(sorted(Counter(int(t) for t, _k, _s in writers.failed).items())),
        "p95_ms": percentile(writers.latencies, 0.95),
    }
    report["prober_errors"] = prober.errors()[:100]
    report["prober_samples"] = len(prober.samples)
    print(json.dumps(report, ensure_ascii=False), flush=True)  # in case the check below fails
    time.sleep(5)  # the worker's tasks (e-mail) are not what is checked: the rows are
    verify = VERIFY.replace("EVENT", str(data["event"]))
    verify = verify.replace("REGISTRATION_EMAILS", json.dumps(writers.accepted["registration"]))
    verify = verify.replace("STORY_EMAILS", json.dumps(writers.accepted["story"]))
    report["database"] = django(env, verify)

    database = report["database"]
    report["verdict"] = {
        "no_5xx_pages": report["pages"].get("server_errors", 1) == 0,
        "p95_pages_under_300ms": report["pages"].get("p95_ms", 1e9) < 300,
        "news_within_2s": (report.get("news_visible_after_s") or 99) <= 2,
        "postgres_recovered_within_10s": (report.get("site_recovered_after_postgres_s") or 99)
        <= 10,
        "pages_served_without_redis": all(
            code == "200" for code in report["answers_without_redis"]
        ),
        "seats_never_oversold": database["confirmed_seats"] <= database["capacity"],
        "every_accepted_registration_stored": not database["registrations_missing"],
        "every_accepted_story_stored": not database["stories_missing"],
    }
    out = ROOT / "var" / "drill"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nSaved in {path.relative_to(ROOT)}")
    sys.exit(0 if all(report["verdict"].values()) else 1)


if __name__ == "__main__":
    main()
