"""Accessibility kept at zero: axe-core runs on every public page type in ru, ky and en, on a
phone (390 px) and a desktop (1280 px), and any "serious" or "critical" violation fails.

axe-core comes from npm (package.json, `make install`) and is injected into every page from
node_modules (an init script of the browser context, which the site's Content Security Policy
does not block): nothing is loaded from a CDN, and the pages run as they do for visitors.

The news list also passes axe's "moderate" heading-order rule (its cards once jumped from the h1
to h3). The pages whose address depends on the demo's data (an event, a place, a memory card...) are
found from their list pages. A failure lists every violation: page, language, width, rule,
impact, help, and the nodes (CSS selector, HTML, what to fix).
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("ru", "ky", "en")
WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}
FAILING_IMPACTS = {"serious", "critical"}
TILE = "/static/places/blank-tile.png"  # served by the site: no outside network in tests
SEARCH_WORDS = {"ru": "полк", "ky": "полк", "en": "regiment"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.join(" "), html: n.html.slice(0, 300), summary: n.failureSummary || "",
    })),
  }));
}"""


@dataclass(frozen=True)
class PageType:
    name: str
    path: str = ""  # after the language prefix, e.g. "/about/"
    # A page found on a list: the first link in <main> of `found_on` whose path matches `link`
    # (a regular expression on the path after the language prefix).
    found_on: str = ""
    link: str = ""
    also: tuple[str, ...] = ()  # axe rules that must pass whatever their impact
    shows: str = ""  # a CSS selector the page must match: what is checked is there


SECTIONS = {
    "site": [
        PageType("home", "/", also=("heading-order",)),
        PageType("standard page", "/about/"),
        PageType("news list", "/news/", also=("heading-order",)),
        PageType("news item", found_on="/news/", link=r"/news/(?!feed/)[\w-]+/"),
        PageType("documents", "/documents/"),
        PageType("contact", "/contact/"),
        PageType("council", "/council/"),
        PageType("site search results", "/search/?q={search_word}", shows=".search-results li"),
        PageType("sign-in", "/accounts/login/"),
    ],
    "organizations": [
        PageType("organizations list", "/organizations/"),
        PageType(
            "an organization",
            found_on="/organizations/",
            link=r"/organizations/(?!map/|on-the-map/)[\w-]+/",
        ),
        PageType("organizations map", "/organizations/on-the-map/"),
    ],
    "conferences": [
        PageType("conferences list", "/conferences/"),
        PageType("a conference", "/conferences/xii/"),
        PageType("a decision", "/conferences/xii/9/"),
    ],
    "memory": [
        PageType("memory archive search", "/memory/?q={surname}", shows=".search-results li"),
        PageType("a memory card", found_on="/memory/", link=r"/memory/\d+/"),
        PageType("story form", "/memory/stories/new/"),
        # Sent empty: the fields' errors (core/includes/field.html), lists inside an alert.
        PageType(
            "story form with errors",
            "/memory/stories/new/?surname=&given_name=&patronymic=&birth_year=",
            shows=".field--error [role=alert] li",
        ),
        PageType("memorial places list and map", "/memory/places/"),
        PageType("a memorial place", found_on="/memory/places/", link=r"/memory/places/\d+/"),
    ],
    "events": [
        PageType("events calendar", "/events/"),
        PageType("events calendar, month", "/events/?view=month"),
        PageType("an event", found_on="/events/", link=r"/events/\d+/"),
        PageType("a campaign", found_on="/events/", link=r"/events/campaigns/[\w-]+/"),
    ],
    "helpdesk": [
        PageType("help desk", "/help/"),
        PageType("help request form", "/help/request/"),
        PageType("a help article", found_on="/help/", link=r"/help/(?!request/)[\w-]+/"),
    ],
    "volunteers": [
        PageType("volunteers", "/volunteers/"),
        PageType(
            "a volunteer project", found_on="/volunteers/", link=r"/volunteers/projects/[\w-]+/"
        ),
    ],
}


def links_in_main(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response and response.status == 200, f"{path}: {response and response.status}"
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.href)")
    return [urlparse(href).path for href in hrefs]


def found_path(page, page_type: PageType) -> str:
    """The path (after /ru) of the first link on the list page that matches the page type."""
    pattern = re.compile(rf"^/ru{page_type.link}$")
    for path in links_in_main(page, f"/ru{page_type.found_on}"):
        if pattern.match(path):
            return path.removeprefix("/ru")
    raise AssertionError(f"No link to {page_type.name} ({page_type.link}) on {page_type.found_on}")


def demo_values(page) -> dict[str, str]:
    """Values for the paths' placeholders, read from the demo's pages: the archive is searched
    for the surname of its first card."""
    page.goto("/ru/memory/")
    names = page.locator("main a[href]").evaluate_all(
        r"links => links.filter(a => /^\/ru\/memory\/\d+\/$/.test(a.pathname)).map(a => a.textContent)"
    )
    assert names, "No memory card on /ru/memory/"
    return {"surname": quote(names[0].split()[0])}


def wait_for_maps(page) -> None:
    """A page with a map: its first view drawn (markers included) before axe looks."""
    if page.locator("[data-tiles]").count():
        page.locator(".leaflet-container").first.wait_for(state="attached")
        page.wait_for_load_state("networkidle")


def axe_problems(page, url: str, label: str, page_type: PageType) -> list[str]:
    response = page.goto(url)
    if not response or response.status != 200:
        return [f"{label}: HTTP {response and response.status}"]
    if page_type.shows and not page.locator(page_type.shows).count():
        return [f"{label}: nothing matches {page_type.shows}"]
    wait_for_maps(page)
    problems = []
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] not in FAILING_IMPACTS and violation["id"] not in page_type.also:
            continue
        lines = [
            f"{label}: [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        ]
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.extend(f"        {line}" for line in node["summary"].splitlines() if line)
        problems.append("\n".join(lines))
    return problems


@pytest.fixture
def map_tiles(settings):
    settings.MAP_TILE_URL = TILE


def test_no_serious_or_critical_axe_violations(new_page, map_tiles):
    """Every page type x language x width in one test: the demo is loaded once (a test's
    fresh demo database costs more than its pages' checks)."""
    assert AXE.exists(), "axe-core is missing: `make install` (npm ci) installs it"
    pages = {width: new_page(viewport=viewport) for width, viewport in WIDTHS.items()}
    for page in pages.values():
        # Into every page the context opens (cheaper than a script tag added after each load).
        page.context.add_init_script(path=AXE)
    finder = pages[1280]
    values = demo_values(finder)
    paths = {
        page_type: page_type.path or found_path(finder, page_type)
        for page_types in SECTIONS.values()
        for page_type in page_types
    }
    problems = []
    checked = 0
    for width, page in pages.items():
        for language in LANGUAGES:
            for page_type, path in paths.items():
                path = path.format(search_word=quote(SEARCH_WORDS[language]), **values)
                url = f"/{language}{path}"
                problems += axe_problems(
                    page, url, f"{page_type.name} {url} at {width} px", page_type
                )
                checked += 1
    assert checked == len(paths) * len(LANGUAGES) * len(WIDTHS) >= 29 * 6
    report = "\n".join(problems)
    print(report)
    assert not problems, f"{len(problems)} accessibility violation(s):\n{report}"
