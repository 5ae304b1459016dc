"""The towns list: every form a text uses finds its city; each language writes it its own way.
Expectations written down from the Council's documents and the glossary (docs/GLOSSARY.md)."""

import pytest
from django.utils import translation

from sovet.core import cities


@pytest.mark.parametrize(
    "text, russian",
    [
        ("Бишкек", "Бишкек"),
        ("г. Бишкек", "Бишкек"),
        ("г.Бишкеке", "Бишкек"),
        ("Бишкек шаары", "Бишкек"),
        ("Бишкек шаарында", "Бишкек"),
        ("Bishkek", "Бишкек"),
        ("Bishkek city", "Бишкек"),
        ("Оше", "Ош"),
        ("Osh", "Ош"),
        ("Жалал-Абад", "Джалал-Абад"),
        ("Джалал-Абаде", "Джалал-Абад"),
        ("Jalal-Abad", "Джалал-Абад"),
        ("Чолпон-Ате", "Чолпон-Ата"),
        ("Өзгөн", "Узген"),
        ("Санкт-Петербурге", "Санкт-Петербург"),
    ],
)
def test_every_form_finds_its_city(text, russian):
    assert cities.find(text).ru == russian


@pytest.mark.parametrize("text", ["", "Атлантида", "г.", "Бишкекский"])
def test_a_town_not_on_the_list_is_not_guessed(text):
    assert cities.find(text) is None


def test_each_language_writes_the_city_its_own_way():
    assert cities.localized("Джалал-Абад", "ky") == "Жалал-Абад"
    assert cities.localized("Бишкек", "en") == "Bishkek"
    assert cities.localized("Ош", "ru") == "Ош"
    with translation.override("en"):
        assert cities.localized("г. Ош") == "Osh"
    assert cities.localized("Атлантида", "en") == "Атлантида"


def test_city_filter_writes_a_known_town_in_the_page_language_and_marks_an_unknown_one():
    from django.template import Context, Template

    template = Template("{% load sovet %}{{ name|city }}")
    with translation.override("en"):
        assert template.render(Context({"name": "Бишкек"})) == "Bishkek"
        # A town not on the list stays as stored, marked as Russian: never unmarked Cyrillic.
        assert template.render(Context({"name": "Чуй"})) == '<span lang="ru">Чуй</span>'
        assert template.render(Context({"name": ""})) == ""
    with translation.override("ky"):
        assert template.render(Context({"name": "Узген"})) == "Өзгөн"
