"""Kyrgyz and English pages of the demo say nothing in Russian that is not marked as a fallback.

The same walk as the browser's e2e/test_languages.py, with the test client: every kind of public
page in ky and en, and the main menu, which must have no Russian item at all.
"""

import pytest

from sovet.core.i18n_checks import russian_texts
from sovet.site.tests.walk import PAGES, menu_items, russian_menu_items, walk


def _get(client):
    def get(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: status {response.status_code}"
        return response.content.decode()

    return get


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "en"])
def test_no_unmarked_russian_on_any_kind_of_page(demo, client, language):
    get = _get(client)
    pages = walk(language, get)
    assert len(pages) == len(PAGES)
    problems = []
    for name, path in pages:
        html = get(path)
        assert f'<html lang="{language}"' in html, path
        assert "<main" in html, path
        problems += [f"{name} {path}: {text!r}" for text in russian_texts(html, language)]
    assert not problems, "Russian not marked as a fallback:\n" + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "en"])
def test_main_menu_has_no_russian_item(demo, client, language):
    get = _get(client)
    russian = get("/ru/")
    html = get(f"/{language}/")
    assert len(menu_items(html)) == len(menu_items(russian)) > 5
    assert russian_menu_items(html, language, russian) == []


@pytest.mark.django_db
def test_the_walk_finds_the_russian_menu_on_the_russian_page(demo, client):
    """The menu check can fail: the Russian menu compared with itself is all Russian."""
    russian = _get(client)("/ru/")
    assert len(russian_menu_items(russian, "ky", russian)) == len(menu_items(russian))
