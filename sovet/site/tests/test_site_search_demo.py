"""The site search keeps to what is public, follows edits, survives any query string and keeps its
queries per page constant (core.site_search; the demo gives it the index pages)."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from sovet.core.site_search import query_terms, word_terms
from sovet.events.tests.factories import EventFactory
from sovet.organizations.models import Organization
from sovet.organizations.tests.factories import OrganizationFactory
from sovet.site.models import StandardPage

WORD = "Зюзикрамбль"  # a word nothing in the demo holds


def found(client, query, language="ru") -> dict[str, list[str]]:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return {group.name: [r.url for r in group.results] for group in response.context["groups"]}


def test_a_word_is_found_in_its_other_forms():
    assert word_terms("романса") & word_terms("романс")
    assert word_terms("памятники") & word_terms("памятнику")
    assert word_terms("уюмдардын") & word_terms("уюм")  # Kyrgyz plural and genitive
    assert word_terms("volunteers") & word_terms("volunteer")
    assert not word_terms("сад") & word_terms("суд")
    assert query_terms("союз и женщин")[1] == word_terms("женщин")  # «и» says nothing


@pytest.mark.django_db
def test_an_event_is_found_while_it_is_public_and_not_after(demo, client):
    event = EventFactory(title_ru=f"Вечер {WORD}")
    assert found(client, WORD)["event"] == [f"/ru/events/{event.pk}/"]
    event.published = False
    event.save()
    assert found(client, WORD) == {}
    event.published = True
    event.save()
    event.delete()
    assert found(client, WORD) == {}


@pytest.mark.django_db
def test_an_organization_is_found_in_every_language_and_its_edits_follow(demo, client):
    organization = OrganizationFactory(name_ru=f"Клуб {WORD}", name_en=f"{WORD} club")
    assert "organization" in found(client, WORD, "ru")
    assert "organization" in found(client, WORD, "en")
    Organization.objects.filter(pk=organization.pk).update()  # nothing saved: nothing changes
    organization.name_ru = "Клуб без имени"
    organization.name_en = "A club"
    organization.save()
    assert found(client, WORD) == {}


@pytest.mark.django_db
def test_a_draft_and_a_private_page_are_never_found(demo, client):
    about = StandardPage.objects.live().filter(locale__language_code="ru").first()
    about.title = f"Черновик {WORD}"
    about.save_revision()  # a draft: the live page keeps its title
    assert found(client, WORD) == {}
    about.refresh_from_db()
    about.get_latest_revision().publish()
    assert found(client, WORD)["page"] == [about.url]
    # Made private in the admin's privacy settings: the page itself is not saved.
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    response = client.get("/ru/search/", {"q": WORD})
    assert response.status_code == 200 and "ничего не найдено" in response.content.decode()
    assert response.context["groups"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "%00",
        "\x00",
        "*",
        "(",
        ")",
        "-",
        "AND",
        "NOT OR",
        ":",
        "романс*",
        "a" * 5000,
        "\u200b",
        "<script>",
        "память:1",
        "NEAR(память)",
    ],  # fmt: skip
)
def test_any_query_string_answers(demo, client, query):
    response = client.get("/ru/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>Поиск</h1>" in response.content.decode()


@pytest.mark.django_db
def test_a_title_is_shown_escaped(demo, client):
    OrganizationFactory(name_ru=f"<script>alert(1)</script> {WORD}")
    html = client.get("/ru/search/", {"q": WORD}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_the_results_page_queries_do_not_grow_with_the_results(demo, client):
    """More than a kind shows (its list is linked) in both counts: only the results grow."""

    def add(count, start=0):
        for number in range(start, start + count):
            EventFactory(title_ru=f"Вечер {WORD} {number}")
            OrganizationFactory(name_ru=f"Клуб {WORD} {number}")

    client.get("/ru/search/", {"q": WORD})  # warm the caches that live for the process
    add(6)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/ru/search/", {"q": WORD}).status_code == 200
    add(20, start=6)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/ru/search/", {"q": WORD}).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_document_leaves_the_search_when_its_collection_is_made_private(demo, client):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Отчёты")
    document = get_document_model().objects.create(
        title=f"Отчёт {WORD}", collection=collection, file=ContentFile(b"text", name="report.txt")
    )
    assert "document" in found(client, WORD)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    response = client.get("/ru/search/", {"q": WORD})
    assert response.status_code == 200 and "ничего не найдено" in response.content.decode()
    assert response.context["groups"] == [] and document.pk
