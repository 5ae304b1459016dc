"""Kyrgyz and English for real, in the browser: every kind of public page, and the layout.

The walk (sovet/site/tests/walk.py) follows links from list pages to an item of each kind. On
each page in ky and en, no Russian is left inside <main> unless it is marked as a fallback
(lang="ru"); the main menu has no Russian item at all. Kyrgyz words are long: the main menu
stays one row at 1280 px in every language and no Kyrgyz page scrolls sideways on a 390 px phone.
Screenshots of every page in ky at 390 and 1280 px are saved in e2e/artifacts/ to look at.
"""

import re
from pathlib import Path

import pytest

from sovet.core.i18n_checks import russian_texts
from sovet.site.tests.walk import menu_items, russian_menu_items, walk

ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _getter(page):
    def get(path: str) -> str:
        response = page.goto(path)
        assert response and response.status == 200, f"{path}: {response and response.status}"
        return page.content()

    return get


def _file_name(name: str) -> str:
    return re.sub(r"\W+", "-", name).strip("-")


@pytest.mark.parametrize("language", ["ky", "en"])
def test_no_unmarked_russian_on_any_kind_of_page(page, language):
    get = _getter(page)
    problems = []
    for name, path in walk(language, get):
        html = get(path)
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.locator("main").count() == 1, path
        problems += [f"{name} {path}: {text!r}" for text in russian_texts(html, language)]
    for problem in problems:
        print(problem)
    assert not problems, "Russian not marked as a fallback:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", ["ky", "en"])
def test_main_menu_has_no_russian_item(page, language):
    get = _getter(page)
    russian = get("/ru/")
    html = get(f"/{language}/")
    assert len(menu_items(html)) == len(menu_items(russian)) > 5
    found = russian_menu_items(html, language, russian)
    assert found == [], f"Russian items in the /{language}/ menu: {found}"


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_menu_one_row(page, language):
    """At 1280 px the main menu is one row: every item's box has the same top."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{language}/")
    links = page.locator(".main-nav__list > li > a")
    assert links.count() > 5
    boxes = [links.nth(index).bounding_box() for index in range(links.count())]
    tops = {round(box["y"]) for box in boxes}
    texts = links.all_inner_texts()
    assert len(tops) == 1, (
        f"/{language}/ menu in {len(tops)} rows: {list(zip(texts, boxes, strict=True))}"
    )
    # Inside the window, and no item hidden to make it fit.
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"] for box in boxes)
    assert all(links.nth(index).is_visible() for index in range(links.count()))


def test_no_horizontal_scroll_390(page, new_page):
    """No Kyrgyz page is wider than a 390 px phone; screenshots of each at 390 and 1280 px."""
    pages = walk("ky", _getter(page))
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    ARTIFACTS.mkdir(exist_ok=True)
    wide = []
    for name, path in pages:
        response = phone.goto(path)
        assert response and response.status == 200, path
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{name} {path}: {width} px")
        phone.screenshot(
            path=str(ARTIFACTS / f"languages-ky-390-{_file_name(name)}.png"), full_page=True
        )
        page.goto(path)
        page.screenshot(
            path=str(ARTIFACTS / f"languages-ky-1280-{_file_name(name)}.png"), full_page=True
        )
    assert not wide, "Kyrgyz pages wider than the phone:\n" + "\n".join(wide)
