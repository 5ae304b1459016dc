"""The home page, news, sitemap, documents library and site search on the demo content."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from sovet.core.models import DocumentCategory, LibraryDocument
from sovet.site.models import NewsIndexPage, NewsPage

# The home page's queries do not grow with the content: measured, then fixed here.
HOME_MAX_QUERIES = 21


def add_news(count):
    index = NewsIndexPage.objects.get(locale__language_code="ru")
    for number in range(count):
        item = NewsPage(
            title=f"Новость {number}", slug=f"news-{number}", date=date(2022, 1, 1), intro="…"
        )
        item.tags.add("тест", f"тег-{number}")
        index.add_child(instance=item)


@pytest.mark.django_db
def test_home_page_queries_are_bounded(demo, client):
    client.get("/ru/")  # warm caches that live for the process (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/ru/").status_code == 200
    add_news(30)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/ru/").status_code == 200
    assert len(many) == len(few)
    assert len(many) <= HOME_MAX_QUERIES, [q["sql"] for q in many.captured_queries]


@pytest.mark.django_db
def test_news_index_queries_do_not_grow_with_the_news(demo, client):
    client.get("/ru/news/")
    with CaptureQueriesContext(connection) as few:
        client.get("/ru/news/")
    add_news(30)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/ru/news/")
    assert len(response.context["news_page"].object_list) == 10
    assert len(many) == len(few)


@pytest.mark.django_db
def test_news_filtered_by_tag_and_paginated(demo, client):
    add_news(12)
    response = client.get("/ru/news/?tag=test")
    assert list(response.context["news_page"].object_list) == []
    response = client.get("/ru/news/", {"tag": "резолюция"})
    titles = [item.title for item in response.context["news_page"]]
    assert titles == [
        "Опубликована резолюция XII конференции",
        "В Бишкеке прошла XII страновая конференция российских соотечественников",
    ]
    second = client.get("/ru/news/?page=2").context["news_page"]
    assert second.number == 2 and len(second.object_list) == 6
    assert client.get("/ru/news/?page=abc").status_code == 200
    assert client.get("/ru/news/?page=999").context["news_page"].number == 2


@pytest.mark.django_db
def test_news_feed_lists_the_latest_news(demo, client):
    response = client.get("/ru/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.count("<item>") == 4
    assert "/ru/news/xii-conference-held/</link>" in body


@pytest.mark.django_db
def test_sitemap_lists_pages_in_every_language(demo, client):
    body = client.get("/sitemap.xml").content.decode()
    for path in (
        "/ru/about/",
        "/ky/about/",
        "/en/about/",
        "/ru/news/resolution-published/",
        "/ky/news/resolution-published/",
    ):
        assert f"{path}</loc>" in body
    # A page not translated yet is an alias repeating the Russian: search engines get the
    # original only.
    news = NewsIndexPage.objects.get(locale__language_code="ru")
    news.add_child(
        instance=NewsPage(
            title="Только по-русски", slug="only-russian", date=date.today(), intro="Новость."
        )
    )
    body = client.get("/sitemap.xml").content.decode()
    assert "/ru/news/only-russian/</loc>" in body
    assert "/ky/news/only-russian/" not in body


@pytest.mark.django_db
def test_documents_library_filters_by_category_and_searches(demo, client):
    LibraryDocument.objects.create(
        title="Устав КСОРС", file="documents/charter.pdf", category=DocumentCategory.CHARTER
    )
    all_docs = client.get("/ru/documents/").context["documents"]
    assert len(all_docs.object_list) == 2
    resolutions = client.get("/ru/documents/?category=resolution").context["documents"]
    assert [d.category for d in resolutions] == ["resolution"]
    bogus = client.get("/ru/documents/?category=nonsense").context
    assert bogus["category"] == "" and len(bogus["documents"].object_list) == 2
    found = client.get("/ru/documents/", {"q": "Устав"}).context["documents"]
    assert [d.title for d in found] == ["Устав КСОРС"]


@pytest.mark.django_db
def test_demo_resolution_is_published_in_the_library(demo, client):
    document = LibraryDocument.objects.get(category=DocumentCategory.RESOLUTION)
    assert document.published_on == date(2021, 4, 2)
    with document.file.open() as file:
        assert "Провести XIII страновую конференцию" in file.read().decode()


@pytest.mark.django_db
def test_site_search_finds_pages_in_the_active_language(demo, client):
    def found(language, query):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        groups = response.context["groups"]
        return [result for group in groups if group.name == "page" for result in group.results]

    ru = found("ru", "конференция")
    assert ru and all(result.url.startswith("/ru/") for result in ru)
    assert "About the Council" in [strip_tags(result.title) for result in found("en", "Council")]
    assert client.get("/ru/search/", {"q": ""}).context["groups"] == []
    assert client.get("/ru/search/", {"q": "x" * 5000}).status_code == 200
