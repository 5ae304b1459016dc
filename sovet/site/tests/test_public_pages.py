"""Every public page of the demo, in every language: it answers, and its interface is translated."""

import pytest
from django.conf import settings
from wagtail.models import Page

from sovet.core.i18n_checks import untranslated_texts

LANGUAGES = [code for code, _name in settings.LANGUAGES]
VIEW_PATHS = [
    "search/",
    "search/?q=конференция",
    "search/?q=1234567890",  # nothing matches; digits read the same in every language
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
]


def page_urls():
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    return sorted(page.url for page in pages)


@pytest.mark.django_db
def test_every_language_has_the_whole_demo_tree(demo):
    urls = page_urls()
    for language in LANGUAGES:
        in_language = [url for url in urls if url.startswith(f"/{language}/")]
        assert len(in_language) == len(urls) // len(LANGUAGES), language


@pytest.mark.django_db
def test_every_public_page_renders_translated_in_every_language(demo, client):
    problems = []
    paths = page_urls() + [f"/{lang}/{path}" for lang in LANGUAGES for path in VIEW_PATHS]
    assert len(paths) > 30
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            problems.append(f"{path}: status {response.status_code}")
            continue
        language = path.split("/")[1]
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        for text in untranslated_texts(html, language):
            problems.append(f"{path}: untranslated {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_not_found_page_is_translated(demo, client):
    for language in LANGUAGES:
        response = client.get(f"/{language}/no-such-page/")
        assert response.status_code == 404
        assert not untranslated_texts(response.content.decode(), language)


@pytest.mark.django_db
def test_untranslated_page_says_it_is_shown_in_russian(demo, client):
    # The demo has every page translated: a new Russian page is shown in ky as its alias.
    from wagtail_localize.synctree import create_aliases_for_new_page

    from sovet.site.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="ru")
    page = home.add_child(instance=StandardPage(title="Новая страница", slug="new-page"))
    create_aliases_for_new_page(page)
    response = client.get("/ky/new-page/")
    assert response.status_code == 200
    assert response.context["is_fallback"] is True
    assert 'lang="ru"' in response.content.decode()
    assert client.get("/ky/about/").context["is_fallback"] is False
    assert client.get("/ky/news/").context["is_fallback"] is False


@pytest.mark.django_db
def test_root_redirects_by_browser_language(demo, client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ky").url == "/ky/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/ru/"


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_each_language(demo, client):
    html = client.get("/ru/about/").content.decode()
    assert 'href="/en/about/" hreflang="en"' in html
    assert 'href="/ky/about/" hreflang="ky"' in html
    html = client.get("/en/search/?q=x").content.decode()
    assert 'href="/ru/search/?q=x" hreflang="ru"' in html


@pytest.mark.django_db
def test_demo_content_is_in_its_language(demo, client):
    assert "Координационный совет" in client.get("/ru/").content.decode()
    assert "Coordination Council of Russian Compatriots" in client.get("/en/").content.decode()
    assert "координациялык кеңеши" in client.get("/ky/").content.decode()


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(demo):
    from django.core.management import call_command

    from sovet.core.models import LibraryDocument

    before = (Page.objects.count(), LibraryDocument.objects.count())
    call_command("load_demo", force=True, stdout=__import__("io").StringIO())
    assert (Page.objects.count(), LibraryDocument.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_links_inside_a_page_stay_in_its_language(demo, client, language):
    import re

    html = client.get(f"/{language}/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    links = re.findall(r'href="(/[^"]*)"', main)
    assert links
    assert all(link.startswith(f"/{language}/") for link in links), links
