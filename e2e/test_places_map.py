"""The places map with 10,000 places on a mid-range phone: usable before the 10,000 arrive.

The phone is Lighthouse's mobile profile, applied through the Chrome DevTools protocol: a
412 x 823 viewport at 1.75 device pixels with touch, and the CPU slowed down
(`Emulation.setCPUThrottlingRate`) as Lighthouse calibrates it. Lighthouse's 4x is meant for a
high-end desktop (BenchmarkIndex 1500-2000), which it brings to about 440, a mid-tier phone; on
a slower host its documentation says to lower the multiplier. So the test measures the host's
BenchmarkIndex (Lighthouse's benchmark) and slows the CPU down to 440 (never less than 1x): a
loaded CI machine (index 550-1050 while writing this, so 4x would be a 140-260 phone) emulates
the same phone as 4x on a high-end desktop. bench/places_map.py also prints plain 4x.

Two lines (`Network.emulateNetworkConditions`): a phone's usual 4G (Firefox's "Regular 4G /
LTE": 20 ms, 4 Mbit/s down) and Lighthouse's slow 4G (150 ms on every request, 1.6 Mbit/s).
Static files come compressed as WhiteNoise sends them in production (e2e/conftest.py).

What is asserted, and why:
- The map is usable from the page before the feed is in: the page carries the map's first
  view (places/overview.py: the clusters of the zoom it opens at), so the map is usable once
  Leaflet is in; the feed of every place (≈ 70 KB gzipped, under 80 KB asserted) is asked for
  only then, arrives after the map is usable, and takes over without a change on screen (the
  same cluster markers stay). This holds on any machine, however loaded.
- The times themselves (the budget: interactive in under a second on 4G for a first visit, and
  on slow 4G for a returning one; a tap starts the zoom within 100 ms) are printed here and
  measured by bench/places_map.py, not asserted: the guide keeps timings out of the tests, and
  a shared CI machine measured 1.0-1.3 s for the same build that gives 0.8 s when idle.

"Interactive" is counted from the navigation's start and is the later of: the map drawn and
usable (map.js marks "places-map-ready" and sets data-ready="true" in the frame that shows it)
and the end of the last long task (over 50 ms) that started within a second after that, which
includes taking in the feed. Then a tap on a cluster must start the zoom within 100 ms: the main
thread is free.

The second test drives the map with the keyboard, opens popups (the name comes when the popup
opens, in the reader's language) and finds the places near the phone.
"""

import re
import time
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site

from sovet.memory.models import MemoryIndexPage
from sovet.places import synthetic
from sovet.places.models import PlacesIndexPage
from sovet.places.tests.factories import make_place
from sovet.site.models import HomePage

PLACES = 10_000
VISITORS = 3  # each visits twice: first with nothing cached, then returning
TILE = "/static/places/blank-tile.png"  # served by the site: no outside network in tests
LIST = "/ru/memory/places/"

PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
# Lighthouse's mobile network ("slow 4G": its round trip and throughput).
NETWORK = {
    "offline": False,
    "latency": 150,  # ms added to every request
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,  # bytes per second
    "uploadThroughput": 750 * 1024 / 8,
}
# A phone's usual line: the "Regular 4G / LTE" preset of Firefox (and of Chrome DevTools before
# 2024).
NETWORK_4G = {
    "offline": False,
    "latency": 20,
    "downloadThroughput": 4 * 1024 * 1024 / 8,
    "uploadThroughput": 3 * 1024 * 1024 / 8,
}
LIGHTHOUSE_SLOWDOWN = 4
# Lighthouse's 4x on a typical high-end desktop (BenchmarkIndex 1750): a mid-tier phone.
PHONE_BENCHMARK_INDEX = 1750 / LIGHTHOUSE_SLOWDOWN

# Lighthouse's BenchmarkIndex, as its documentation defines it (Chrome 86 on): the mean of how
# many times a second, divided by 10, a 10,000-character string is built one character at a
# time, and a 100,000-number array is copied; each for half the duration.
BENCHMARK_INDEX = """
(duration) => {
  function perSecond(work) {
    var start = Date.now(), times = 0;
    while (times % 10 !== 0 || Date.now() - start < duration / 2) { work(times); times++; }
    return Math.round(times / 10 / ((Date.now() - start) / 1000));
  }
  var text = "";
  var a = [], b = [];
  for (var i = 0; i < 100000; i++) a[i] = b[i] = i;
  var strings = perSecond(function () {
    text = "";
    for (var j = 0; j < 10000; j++) text += "a";
  });
  var copies = perSecond(function (times) {
    var from = times % 2 ? b : a, to = times % 2 ? a : b;
    for (var j = 0; j < from.length; j++) to[j] = from[j];
  });
  return (strings + copies) / 2;
}
"""

# Installed before any script of the page: records long tasks from the start, and marks the
# cluster markers of the map's first view (to see that the feed leaves them on screen).
OBSERVE_MAP = """
window.__longTasks = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.__longTasks.push([entry.startTime, entry.duration]);
  });
}).observe({ type: "longtask", buffered: true });
new MutationObserver(function (changes, observer) {
  if (!document.querySelector("#places-map[data-ready]")) return;
  observer.disconnect();
  document.querySelectorAll(".places-cluster").forEach(function (cluster) {
    cluster.dataset.firstView = "true";
  });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""

TIMINGS = """
() => {
  var ready = performance.getEntriesByName("places-map-ready")[0];
  var complete = performance.getEntriesByName("places-map-complete")[0];
  var clusters = document.querySelectorAll(".places-cluster");
  var navigation = performance.getEntriesByType("navigation")[0];
  var feed = performance.getEntriesByType("resource").filter(function (r) {
    return r.name.indexOf("/map/") !== -1;
  })[0];
  var fetched = performance.getEntriesByType("resource").filter(function (r) {
    return r.transferSize > 0 && r.startTime < ready.startTime;
  });
  return {
    ready: ready.startTime,
    complete: complete.startTime,
    clusters: clusters.length,
    clustersKept: document.querySelectorAll(".places-cluster[data-first-view]").length,
    longTasks: window.__longTasks,
    html: navigation.responseEnd,
    feedEnd: feed ? feed.responseEnd : null,
    feedBytes: feed ? feed.transferSize : null,
    requests: fetched.map(function (r) {
      return r.name.split("/").pop() + " " + r.transferSize + " B " + Math.round(r.startTime) + "-" + Math.round(r.responseEnd) + " ms";
    }),
  };
}
"""


def calibrated_slowdown(page) -> tuple[float, float]:
    """The host's BenchmarkIndex and the CPU slowdown that brings it to the phone's."""
    page.goto("about:blank")
    page.evaluate(BENCHMARK_INDEX, 200)  # warm-up: let V8 optimise
    index = max(page.evaluate(BENCHMARK_INDEX, 500) for _ in range(2))
    return index, max(1.0, round(index / PHONE_BENCHMARK_INDEX, 2))


def throttle(page, *, cpu: float, network: dict | None = NETWORK):
    """Slow the page's CPU and network down through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    return cdp


def measure(page, url: str, *, quiet_ms: int = 1_000) -> dict:
    """Open the map; its figures, in ms from the navigation's start."""
    page.goto(url, wait_until="commit")
    expect(page.locator("#places-map")).to_have_attribute("data-complete", "true", timeout=30_000)
    time.sleep(quiet_ms / 1000)  # long tasks that follow the markers count too
    figures = page.evaluate(TIMINGS)
    ready = figures["ready"]
    busy_until = [start + length for start, length in figures["longTasks"] if start < ready + 1000]
    figures["interactive"] = max([ready, *busy_until])
    figures["tap"] = tap_to_zoom(page)
    return figures


def tap_to_zoom(page) -> float:
    """How long a tap on a cluster waits before the map starts zooming, in ms."""
    page.evaluate(
        """() => {
          var map = document.getElementById("places-map").placesMap.map;
          window.__tap = {};
          document.addEventListener("click", function (event) {
            window.__tap.input = event.timeStamp;
          }, { capture: true, once: true });
          map.once("zoomstart", function () { window.__tap.zoom = performance.now(); });
        }"""
    )
    page.locator(".places-cluster").first.click()
    page.wait_for_function("() => window.__tap.zoom !== undefined")
    tap = page.evaluate("() => window.__tap")
    return tap["zoom"] - tap["input"]


def report(label: str, figures: dict) -> str:
    long_tasks = [length for _, length in figures["longTasks"]]
    return (
        f"{label}: interactive {figures['interactive']:.0f} ms (HTML {figures['html']:.0f} ms, "
        f"feed {figures['feedEnd'] or 0:.0f} ms and {figures['feedBytes'] or 0:,} bytes, markers "
        f"{figures['ready']:.0f} ms, every place {figures['complete']:.0f} ms; {len(long_tasks)} long tasks, longest "
        f"{max(long_tasks, default=0):.0f} ms); tap to zoom {figures['tap']:.0f} ms"
    )


@pytest.fixture
def map_site(live_server, django_db_serialized_rollback, settings):
    """Only the pages the map needs: the demo takes long to load and is not needed here."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Главная", slug="home", hero_title="Совет",
            locale=Locale.objects.get(language_code="ru"),
        )
    )  # fmt: skip
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    memory = home.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    places = memory.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    kyrgyz = Locale.objects.create(language_code="ky")
    for page in (home, memory, places):
        page.copy_for_translation(kyrgyz, alias=True)
    settings.MAP_TILE_URL = TILE
    return live_server.url


def test_the_map_of_10000_places_is_usable_before_the_feed_arrives_on_a_phone(browser, map_site):
    started = time.perf_counter()
    synthetic.create_places(PLACES)
    print(f"\n{PLACES:,} places created in {time.perf_counter() - started:.1f} s")
    visits = {"4G, first": [], "slow 4G, first": [], "slow 4G, again": []}
    slowdown = None

    def visitor(network):
        """A new browser profile (nothing cached) on a phone on this network."""
        nonlocal slowdown
        context = browser.new_context(base_url=map_site, locale="ru-RU", **PHONE)
        context.add_init_script(OBSERVE_MAP)
        page = context.new_page()
        if slowdown is None:
            # The server as a visitor finds it: its code loaded, the feed built once.
            for path in (LIST, f"{LIST}map/"):
                assert page.request.get(path).ok
            index, slowdown = calibrated_slowdown(page)
            print(
                f"Host BenchmarkIndex {index:.0f}: CPU {slowdown}x slower, to {index / slowdown:.0f}"
            )
        throttle(page, cpu=slowdown, network=network)
        return context, page

    for _ in range(VISITORS):
        context, page = visitor(NETWORK_4G)
        try:
            visits["4G, first"].append(measure(page, LIST))
        finally:
            context.close()
        context, page = visitor(NETWORK)
        try:
            visits["slow 4G, first"].append(measure(page, LIST))
            visits["slow 4G, again"].append(measure(page, LIST))
        finally:
            context.close()
    for label, runs in visits.items():
        for figures in runs:
            print(report(label, figures))
    print(
        "Slow 4G, fetched before the map was ready:",
        "; ".join(visits["slow 4G, first"][0]["requests"]),
    )

    first_visits = visits["4G, first"] + visits["slow 4G, first"]
    # The feed of 10,000 places stays small (gzipped), whatever the network.
    assert all(figures["feedBytes"] < 80_000 for figures in first_visits)
    # However slow the line, the 10,000 places are not what the visitor waits for: the map is
    # usable from the page before the feed is in, which then changes nothing on screen.
    for figures in first_visits:
        assert figures["ready"] < figures["feedEnd"]
        assert figures["clusters"] > 1
        assert figures["clustersKept"] == figures["clusters"]
    # A returning visitor takes the feed from the browser's cache.
    assert all(figures["feedBytes"] == 0 for figures in visits["slow 4G, again"])


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def test_the_map_works_with_the_keyboard_and_popups_name_their_place(browser, map_site):
    bishkek = {
        "region": "bishkek",
        "latitude": Decimal("42.874600"),
        "longitude": Decimal("74.569800"),
    }
    fire = make_place("Вечный огонь", name_ky="Түбөлүк от", condition="critical", **bishkek)
    make_place("Стела героям", condition="good", **{**bishkek, "latitude": Decimal("42.874900")})
    naryn = make_place(
        "Обелиск землякам", region="naryn", condition="needs_repair",
        latitude=Decimal("41.428700"), longitude=Decimal("75.991100"),
    )  # fmt: skip
    here = {"latitude": 41.4287, "longitude": 75.9911, "accuracy": 10}
    context = browser.new_context(
        base_url=map_site, locale="ru-RU", geolocation=here, permissions=["geolocation"], **PHONE
    )
    page = context.new_page()
    try:
        page.goto(LIST)
        area = page.locator("#places-map")
        expect(area).to_have_attribute("data-complete", "true")
        zoom = "() => document.getElementById('places-map').placesMap.map.getZoom()"

        # The two places in Bishkek make a cluster: Enter on it zooms in, the focus stays on the map.
        cluster = page.locator(".places-cluster")
        expect(cluster).to_have_count(1)
        expect(cluster).to_have_attribute("aria-label", re.compile(r"\b2\b"))
        before = page.evaluate(zoom)
        cluster.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => ({zoom})() > {before}")
        expect(area).to_be_focused()

        # The place alone: its marker says its condition in words; Enter opens its popup, whose
        # link gets the place's name and the focus.
        page.goto(LIST)
        expect(area).to_have_attribute("data-complete", "true")
        marker = page.locator(f'path[role="button"][aria-label="{ru("Needs repair")}"]')
        marker.focus()
        page.keyboard.press("Enter")
        link = page.locator(".leaflet-popup-content a")
        expect(link).to_have_text("Обелиск землякам")
        expect(link).to_have_attribute("href", f"{LIST}{naryn.pk}/")
        expect(link).to_be_focused()
        expect(page.locator(".leaflet-popup-content")).to_contain_text(ru("Needs repair"))
        page.keyboard.press("Escape")
        expect(link).to_have_count(0)
        expect(marker).to_be_focused()

        # A test (or a link) opens any place's popup: the map zooms in until it is alone.
        colour = page.evaluate(
            "(pk) => { var marker = document.getElementById('places-map').placesMap.markerFor(pk);"
            " marker.openPopup(); return marker.options.fillColor; }",
            fire.pk,
        )
        assert colour == "#a3231b"
        expect(link).to_have_text("Вечный огонь")
        expect(page.locator(".leaflet-popup-content")).to_contain_text(ru("Critical"))

        # Places near me: the map goes to where the phone is.
        page.get_by_role("button", name=ru("Show the places near me")).click()
        page.wait_for_function(f"() => ({zoom})() === 13")
        centre = page.evaluate(
            "() => document.getElementById('places-map').placesMap.map.getCenter()"
        )
        assert abs(centre["lat"] - here["latitude"]) < 0.01
        assert abs(centre["lng"] - here["longitude"]) < 0.01

        # In Kyrgyz, the popup names the place in Kyrgyz.
        page.goto(LIST.replace("/ru/", "/ky/"))
        expect(area).to_have_attribute("data-complete", "true")
        page.evaluate(
            "(pk) => document.getElementById('places-map').placesMap.markerFor(pk).openPopup()",
            fire.pk,
        )
        expect(link).to_have_text("Түбөлүк от")
        expect(link).to_have_attribute("lang", "ky")
    finally:
        context.close()
