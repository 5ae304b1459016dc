"""The demo starts with everything public translated: every page under the home page has a real
Kyrgyz and English translation (not an alias of the Russian page), and the pages read in their
language, with no Russian left in <main> but what the demo cannot translate."""

import re

import pytest
from wagtail.models import Locale

from sovet.core.i18n_checks import russian_texts
from sovet.core.testing import page_text
from sovet.site.models import HomePage

pytestmark = pytest.mark.django_db


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_every_public_page_has_a_real_kyrgyz_and_english_translation(demo):
    home = HomePage.objects.get(locale__language_code="ru")
    pages = list(home.get_descendants(inclusive=True).live().public().specific())
    slugs = {page.slug for page in pages}
    # The apps' pages are all there, the help desk's articles among them.
    assert {"about", "news", "contact", "help", "citizenship", "labour-rights", "events"} <= slugs
    missing = []
    for code in ("ky", "en"):
        locale = Locale.objects.get(language_code=code)
        for page in pages:
            translation = page.get_translation_or_none(locale)
            if translation is None:
                missing.append(f"{code} {page.url_path}: none")
            elif translation.alias_of_id is not None:
                missing.append(f"{code} {page.url_path}: an alias of the Russian page")
            elif not translation.live:
                missing.append(f"{code} {page.url_path}: not published")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("ky", "Россия Федерациясынын жарандыгы", "Кош жарандык"),
        ("en", "Citizenship of the Russian Federation", "Dual citizenship"),
    ],
)
def test_a_help_article_reads_in_the_pages_language(demo, client, language, title, heading):
    response = client.get(f"/{language}/help/citizenship/")
    html = page_text(response, title, heading)
    assert not response.context["is_fallback"]
    main = _main(html)
    assert "Гражданство Российской Федерации" not in main
    assert 'lang="ru"' not in main
    assert russian_texts(html, language) == []


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("ky", ["Көчүп келүү программасы: кадамдар", "Эмгек укуктары", "Миграциялык каттоо"]),
        ("en", ["Resettlement programme: the steps", "Labour rights", "Migration registration"]),
    ],
)
def test_the_help_desk_lists_its_articles_in_the_pages_language(demo, client, language, titles):
    response = client.get(f"/{language}/help/")
    html = page_text(response, *titles)
    assert "Трудовые права" not in html
    assert 'lang="ru"' not in _main(html)
    assert russian_texts(html, language) == []


@pytest.mark.parametrize(
    ("language", "shows"),
    [
        ("ky", ["Өлбөс полк — Ош", "2021-жылы жүрүштөр Кыргызстандын жети шаарында өттү."]),
        ("en", ["Immortal Regiment — Osh", "In 2021 the marches were held in seven towns"]),
    ],
)
def test_a_campaigns_events_are_named_in_the_pages_language(demo, client, language, shows):
    response = client.get(f"/{language}/events/campaigns/immortal-regiment/")
    html = page_text(response, *shows)
    assert "Бессмертный полк — Ош" not in html
    # What is still Russian is marked so (the venue has no per-language field).
    assert russian_texts(html, language) == []


@pytest.mark.parametrize(
    ("language", "shows"),
    [
        ("ky", ["Конференциянын ачылышы", "ТОКТОМ КЫЛДЫК"]),
        ("en", ["Opening of the conference", "RESOLVED"]),
    ],
)
def test_the_conference_agenda_and_preamble_are_translated(demo, client, language, shows):
    html = page_text(client.get(f"/{language}/conferences/xii/"), *shows)
    assert "Открытие конференции" not in html
    assert not re.search(r"Мы, участники", html)


def test_a_demo_loaded_before_gets_its_aliased_pages_translated(demo, client):
    """An older demo left the contact page and the help articles as aliases in ky and en: the
    next load_demo translates them."""
    from sovet.helpdesk.models import ArticlePage
    from sovet.site import demo as site_demo
    from sovet.site.models import ContactPage

    ky = Locale.objects.get(language_code="ky")
    for model, slug in ((ContactPage, "contact"), (ArticlePage, "citizenship")):
        source = model.objects.get(locale__language_code="ru", slug=slug)
        source.get_translation(ky).delete()
        source.copy_for_translation(ky, alias=True)
    response = client.get("/ky/help/citizenship/")
    page_text(response, "Гражданство Российской Федерации")
    assert response.context["is_fallback"]

    assert site_demo.load() == "Site pages: already loaded."
    response = client.get("/ky/help/citizenship/")
    page_text(response, "Россия Федерациясынын жарандыгы", "Кош жарандык")
    assert not response.context["is_fallback"]
    response = client.get("/ky/contact/")
    assert [field.label for field in response.context["form"].fields.values()][0] == "Атыңыз"
    assert not response.context["is_fallback"]
