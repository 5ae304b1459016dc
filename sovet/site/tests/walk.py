"""Every kind of public page of the demo, found by following links as a visitor would.

Shared by the test client's check (sovet/site/tests/test_languages_demo.py) and the browser's
(e2e/test_languages.py): `walk(language, get)` returns the addresses, `get(path)` giving a page's
HTML. Items (a news item, an organization, a memory card...) are the first link of their list
page, so that changed ids or slugs in the demo do not break the tests.
"""

import re
from collections.abc import Callable

from sovet.core.i18n_checks import reads_russian

# A search that finds pages, news, conferences and decisions in each language.
SEARCH = {"ru": "конференция", "ky": "конференция", "en": "conference"}

# (name, path) or (name, (list page, pattern of the item's path after /<language>/)).
PAGES = [
    ("home", ""),
    ("about", "about/"),
    ("news", "news/"),
    ("news item", ("news/", r"news/(?!feed/)[\w-]+/")),
    ("documents", "documents/"),
    ("contact", "contact/"),
    ("organizations", "organizations/"),
    ("organization", ("organizations/", r"organizations/(?!map/|on-the-map/)[\w-]+/")),
    ("council", "council/"),
    ("conferences", "conferences/"),
    ("conference", "conferences/xii/"),
    ("decision", "conferences/xii/9/"),
    ("memory archive", "memory/"),
    ("memory card", ("memory/", r"memory/\d+/")),
    ("story form", "memory/stories/new/"),
    ("memorial places", "memory/places/"),
    ("memorial place", ("memory/places/", r"memory/places/\d+/")),
    ("events", "events/"),
    ("event", ("events/", r"events/\d+/")),
    ("campaign", ("events/", r"events/campaigns/[\w-]+/")),
    ("help desk", "help/"),
    ("help request", "help/request/"),
    ("help article", ("help/", r"help/(?!request/)[\w-]+/")),
    ("volunteers", "volunteers/"),
    ("volunteer project", ("volunteers/", r"volunteers/projects/[\w-]+/")),
    ("search", None),  # SEARCH's words
]


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def first_link(html: str, language: str, pattern: str) -> str:
    """The first link inside <main> whose path (after /<language>/) matches ``pattern``."""
    for href in re.findall(r'href="(/[^"#?]*)"', main_of(html)):
        if href.startswith(f"/{language}/") and re.fullmatch(pattern, href[len(language) + 2 :]):
            return href
    raise AssertionError(f"no link like {pattern!r} on the list page")


def walk(language: str, get: Callable[[str], str]) -> list[tuple[str, str]]:
    """(name, path) of every kind of public page in ``language``."""
    pages = []
    for name, where in PAGES:
        if where is None:
            path = f"/{language}/search/?q={SEARCH[language]}"
        elif isinstance(where, tuple):
            list_path, pattern = where
            path = first_link(get(f"/{language}/{list_path}"), language, pattern)
        else:
            path = f"/{language}/{where}"
        pages.append((name, path))
    return pages


MENU = re.compile(r'<ul class="main-nav__list">(.*?)</ul>\s*<form', re.S)
MENU_LINK = re.compile(r"<a ([^>]*)>(.*?)</a>", re.S)


def menu_items(html: str) -> list[tuple[str, str]]:
    """(attributes, text) of each link of the main menu, sub-menus included, in order."""
    found = MENU.search(html)
    assert found, "no main menu on the page"
    return [
        (attrs, re.sub(r"<[^>]+>|\s+", " ", text).strip())
        for attrs, text in MENU_LINK.findall(found[1])
    ]


def russian_menu_items(html: str, language: str, russian_html: str) -> list[str]:
    """The main menu's items that are Russian on a Kyrgyz or English page: marked as a fallback
    (lang="ru"), the same as the Russian menu's item at that place, or reading as Russian."""
    russian = [text for _attrs, text in menu_items(russian_html)]
    found = []
    for index, (attrs, text) in enumerate(menu_items(html)):
        same = index < len(russian) and text == russian[index]
        if 'lang="ru"' in attrs or same or reads_russian(text, language):
            found.append(text)
    return found
