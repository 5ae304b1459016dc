"""Knowledge-base articles suggested while a request is typed: found through the site search's
index in the visitor's language, by any meaningful word, the most matching first."""

import pytest
from wagtail.models import Page

from sovet.core.models import SearchEntry
from sovet.helpdesk import queries


def titles(found):
    return [article["title"] for article in found]


@pytest.mark.django_db
def test_articles_are_indexed_as_pages_of_the_help_desk(help_page):
    urls = set(SearchEntry.objects.filter(kind="page", language="ru").values_list("url", flat=True))
    assert "/ru/help/registration/" in urls


@pytest.mark.django_db
def test_any_meaningful_word_finds_an_article_the_most_words_first(help_page):
    found = queries.suggest_articles(
        "Здравствуйте! Как мне получить паспорт гражданина, если я сдал экзамен?", "ru"
    )
    assert titles(found)[0] == "Гражданство России"
    assert found[0]["url"] == "/ru/help/citizenship/"
    assert found[0]["summary"].startswith("Упрощённый порядок")
    # «паспорта» finds «паспорт» (stems): two articles mention it, the best one first.
    found = queries.suggest_articles("нет паспорта и трудовой книжки", "ru")
    assert titles(found)[0] == "Программа переселения: документы"
    assert "Гражданство России" in titles(found)


@pytest.mark.django_db
def test_at_most_three_and_words_that_say_nothing_find_nothing(help_page):
    many = "паспорт учёт зарплата трудовая гражданство договор переводом работодатель"
    assert len(queries.suggest_articles(many, "ru")) == 3
    assert queries.suggest_articles("как что это для мне и в на", "ru") == []
    assert queries.suggest_articles("", "ru") == []
    assert queries.suggest_articles("ок да", "ru") == []


@pytest.mark.django_db
def test_only_articles_of_the_help_desk_in_that_language(help_page):
    home = help_page.get_parent()
    home.add_child(instance=Page(title="Паспорт и зарплата", slug="other"))
    found = queries.suggest_articles("паспорт зарплата", "ru")
    assert found and all(a["url"].startswith("/ru/help/") for a in found)
    assert "/ru/help/" not in [a["url"] for a in found]
    # The Kyrgyz tree repeats the Russian articles (aliases): found there at their Kyrgyz address.
    found = queries.suggest_articles("паспорт", "ky")
    assert found and all(a["url"].startswith("/ky/help/") for a in found)


@pytest.mark.django_db
def test_the_suggestions_view_takes_the_text_in_a_post_and_keeps_nothing(help_page, client):
    response = client.post("/ru/help/suggest/", {"q": "миграционный учёт по приезде"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"  # a person's words: no cache
    assert response.json()["articles"][0]["title"] == "Миграционный учёт"
    long = "слово " * 500 + "зарплата"  # the word after the first 500 characters is not read
    assert client.post("/ru/help/suggest/", {"q": long}).json() == {"articles": []}
    assert client.post("/ru/help/suggest/").json() == {"articles": []}
    garbage = client.post("/ru/help/suggest/", {"q": 'паспорт" OR * \x00 NEAR('})
    assert garbage.status_code == 200
    # Never in an address: a GET is refused.
    assert client.get("/ru/help/suggest/", {"q": "миграционный учёт"}).status_code == 405


@pytest.mark.django_db
def test_the_suggestions_need_the_forms_token(help_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/ru/help/suggest/", {"q": "паспорт"}).status_code == 403
    strict.get("/csrf/")
    token = strict.cookies["csrftoken"].value
    response = strict.post("/ru/help/suggest/", {"q": "паспорт"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
