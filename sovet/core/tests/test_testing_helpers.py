"""The test helpers of core.testing hold tests to what they promise."""

import pytest
from django.http import HttpResponse, HttpResponseNotFound

from sovet.core.testing import page_text


def test_page_text_returns_the_page_that_shows_what_is_expected():
    response = HttpResponse("<h1>Совет</h1><p>Иванов Иван</p>")
    assert page_text(response, "Совет", "Иванов Иван") == "<h1>Совет</h1><p>Иванов Иван</p>"
    assert page_text(HttpResponse("Скрыто", status=403), "Скрыто", status=403) == "Скрыто"


@pytest.mark.parametrize(
    ("response", "shows"),
    [
        (HttpResponseNotFound("Страница не найдена"), ("Совет",)),  # an error page
        (HttpResponseNotFound("Совет"), ("Совет",)),  # the expected piece, but a 404
        (HttpResponse("Совет", status=500), ("Совет",)),
        (HttpResponse("Совет"), ("Иванов Иван",)),  # a 200 of another page
        (HttpResponse("Совет"), ()),  # nothing expected: absence alone proves nothing
    ],
)
def test_page_text_refuses_a_page_that_is_not_the_expected_one(response, shows):
    with pytest.raises(AssertionError):
        page_text(response, *shows)
