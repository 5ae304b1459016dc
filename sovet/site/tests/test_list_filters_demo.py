"""Every public list page's filters and every search box, on the demo content.

The pages are found, not listed: each page type that declares a `filter_form` (core.filters)
is covered with each of its form's fields, so a new list page is tested as soon as it declares
its form. A bad value, alone or beside good values of the other filters, answers 200 with the
page, leaves that one filter out (its field says why) and keeps the others.
"""

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms
from django.urls import reverse
from django.utils.html import escape
from django.utils.module_loading import import_string

from sovet.core.filters import FilterForm, SearchField, filtered_page_models

PAGE_MODELS = filtered_page_models()

# Bad values: a choice that does not exist or a wrong type, a date out of range, too long,
# NUL (PostgreSQL refuses it), a quote (SQLite's FTS5 chokes on it).
BAD_VALUES = ("bogus", "2024-13-45", "x" * 1000, "\x00", '"')

# What a search box must take without failing.
SEARCHES = ('"', "\x00", "Ив\x00анов", "(", ")", "*", "AND", "NOT", "NEAR(", "-", ":", "'",
            "\\", "", "я" * 500, 'Петров-Водкин "Ңөү" OR (x*)')  # fmt: skip

# A filter each list must honour: with these values the demo item `kept` is listed and
# `dropped` is not (None: nothing to look for). A new list page adds its own here.
EXAMPLES = {
    "events.EventIndexPage": [
        ({"city": "Ош"}, "Открытый урок истории для школьников", "Вечер русского романса"),
        ({"q": "романса"}, "Вечер русского романса", "Открытый урок истории"),
        ({"tag": "culture"}, "Вечер русского романса", "Открытый урок истории"),
    ],
    "places.PlacesIndexPage": [
        ({"kind": "bust"}, "Бюст Героя Советского Союза, Узген", "Вечный огонь, Нарын"),
        ({"region": "naryn"}, "Вечный огонь, Нарын", "Бюст Героя Советского Союза, Узген"),
        ({"q": "Нарын"}, "Вечный огонь, Нарын", "Бюст Героя Советского Союза, Узген"),
    ],
    "organizations.OrganizationIndexPage": [
        ({"region": "batken"}, "Баткенское общество «Дружба»", "Ассоциация гильдий соот"),
        ({"q": "Баткенское", "region": "bogus"}, "Баткенское общество «Дружба»", "Ассоциация"),
        ({"type": "youth"}, "«Волонтёры Победы»", "Баткенское общество «Дружба»"),
    ],
    "memory.MemoryIndexPage": [
        ({"q": "Кузнецова", "category": "home_front"}, "Кузнецова Мария", None),
        ({"q": "Кузнецова", "category": "front_line"}, None, "Кузнецова Мария"),
        ({"q": "Кузнецова", "fate": "bogus"}, "Кузнецова Мария", None),
    ],
    "site.NewsIndexPage": [
        ({"tag": "память"}, "Готовимся к «Бессмертному полку»", "Опубликована резолюция"),
    ],
    "site.DocumentsPage": [
        ({"category": "resolution"}, "Резолюция XII страновой конференции", None),
        ({"category": "charter"}, None, "Резолюция XII страновой конференции"),
        ({"q": "Резолюция", "category": "bogus"}, "Резолюция XII страновой конференции", None),
    ],
}


def form_class(model) -> type[FilterForm]:
    return import_string(model.filter_form)


def fields_of(model) -> list[tuple[type, str]]:
    return [(model, name) for name in form_class(model).base_fields]


def live_page(model):
    page = model.objects.live().filter(locale__language_code="ru").first()
    assert page is not None, f"the demo has no {model._meta.label} in Russian"
    return page


def good_value(field) -> str:
    """A value the field accepts, from the demo's data for a model's choices."""
    if isinstance(field, forms.ModelChoiceField):
        return str(field.prepare_value(field.queryset.first()))
    if isinstance(field, forms.ChoiceField):
        return next(str(value) for value, _label in field.choices if value)
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.DateField):
        return "2021-04-02"
    if isinstance(field, forms.IntegerField):
        return str(field.min_value or 1)
    return "а"


def good_values(model, skip: str = "") -> dict[str, str]:
    fields = form_class(model)().fields
    return {name: good_value(field) for name, field in fields.items() if name != skip}


def get(client, page, route: str, params: dict):
    """The route (a sub-path, or the list with its own query: "?view=month"), with `params`."""
    address = urlsplit(page.url + route)
    return client.get(address.path, {**dict(parse_qsl(address.query)), **params})


def assert_shows_the_page(response, page):
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert heading and page.title in heading.group(1)
    else:
        json.loads(response.content)


def routes(model) -> tuple[str, ...]:
    return getattr(model, "filter_routes", ("",))


def test_list_pages_are_found_and_each_has_an_example():
    """A page type that declares a filter form is covered here, with an example of a filter."""
    assert {model._meta.label for model in PAGE_MODELS} == set(EXAMPLES)
    for model in PAGE_MODELS:
        assert issubclass(form_class(model), FilterForm)


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_good_values_filter_and_a_known_item_is_kept_or_dropped(demo, client, model):
    page = live_page(model)
    response = get(client, page, "", good_values(model))
    assert_shows_the_page(response, page)
    form = response.context["form"]
    assert isinstance(form, form_class(model))
    assert not form.errors and len(form.filters()) == len(form.fields)
    for params, kept, dropped in EXAMPLES[model._meta.label]:
        response = get(client, page, "", params)
        assert_shows_the_page(response, page)
        # The list, not the filters' options.
        html = re.sub(r"<form.*?</form>", "", response.content.decode(), flags=re.S)
        if kept:
            assert kept in html, (params, kept)
        if dropped:
            assert dropped not in html, (params, dropped)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "name"),
    [case for model in PAGE_MODELS for case in fields_of(model)],
    ids=lambda value: value if isinstance(value, str) else value._meta.label,
)
def test_a_bad_value_alone_or_beside_good_ones_answers_the_page(demo, client, model, name):
    page = live_page(model)
    others = good_values(model, skip=name)
    argument = form_class(model).arguments.get(name, name)
    for route in routes(model):
        for bad in BAD_VALUES:
            for with_others in (False, True):
                params = {**others, name: bad} if with_others else {name: bad}
                response = get(client, page, route, params)
                assert_shows_the_page(response, page)
                form = response.context and response.context.get("form")
                if not isinstance(form, FilterForm):
                    continue  # a feed: no form to look at
                # Only the bad value is refused, with a message; the good ones still filter.
                assert set(form.errors) <= {name}, (route, params, form.errors)
                if name in form.errors:
                    assert argument not in form.filters()
                    html = response.content.decode()
                    if f'name="{name}"' in html:  # the page shows the field: and why
                        assert escape(form.errors[name][0]) in html
                if with_others:
                    kept = {form.arguments.get(other, other) for other in others}
                    assert kept <= set(form.filters()), (route, params)


def search_entry_points():
    """Every page whose filters have a search box, and the site search."""
    points = [
        pytest.param(model, name, id=f"{model._meta.label}-{name}")
        for model in PAGE_MODELS
        for name, field in form_class(model).base_fields.items()
        if isinstance(field, SearchField)
    ]
    return [*points, pytest.param(None, "q", id="site-search")]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "name"), search_entry_points())
def test_a_search_box_takes_any_text(demo, client, model, name):
    page = live_page(model) if model else None
    for text in SEARCHES:
        if page:
            response = get(client, page, "", {name: text})
            assert_shows_the_page(response, page)
        else:
            response = client.get(reverse("search"), {name: text})
            assert response.status_code == 200
            assert "\x00" not in response.context["query"]
        assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_organizations_with_a_search_and_an_unknown_region(demo, client):
    """Fault: the directory's invalid branch handed `q` to a query that expects `query`."""
    response = client.get("/ru/organizations/", {"q": "Баткенское", "region": "bogus"})
    assert response.status_code == 200
    assert "Баткенское общество «Дружба»" in response.content.decode()
    assert list(response.context["form"].errors) == ["region"]
