"""The help desk in the demo: its page in the menu and in three languages, the knowledge base's
articles (invented text marked), suggestions from the site search, requests in both centres."""

import pytest

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import page_text
from sovet.helpdesk import queries
from sovet.helpdesk.models import Centre, HelpRequest


@pytest.mark.django_db
def test_the_help_desk_page_in_three_languages_and_in_the_menu(demo, client):
    text = page_text(client.get("/ru/help/"), "Правовая помощь", "Миграционный учёт")
    assert 'href="/ru/help/request/"' in text
    assert 'href="/ru/help/"' in page_text(client.get("/ru/"), "КСОРС")
    # The articles are translated (the demo's ky and en texts), not Russian aliases.
    text = page_text(client.get("/ky/help/"), "Укуктук жардам", "Миграциялык каттоо")
    assert "Миграционный учёт" not in text
    text = page_text(client.get("/en/help/"), "Legal aid", "/en/help/citizenship/", "Labour rights")
    assert "Трудовые права" not in text


@pytest.mark.django_db
def test_articles_say_their_text_is_invented(demo, client):
    for path, invented in [
        ("/ru/help/resettlement-steps/", "Демонстрационный текст"),
        ("/ky/help/resettlement-steps/", "Демонстрациялык текст"),
        ("/en/help/labour-rights/", "A demo text: invented for the example"),
    ]:
        page_text(client.get(path), invented, "?topic=")


@pytest.mark.django_db
def test_the_demo_articles_are_suggested(demo, client):
    found = queries.suggest_articles("Какие документы нужны для программы переселения?", "ru")
    assert found[0]["title"] == "Программа переселения: документы"
    response = client.post("/en/help/suggest/", {"q": "How do I get migration registration?"})
    assert response.json()["articles"][0]["url"] == "/en/help/migration-registration/"
    response = client.post("/ky/help/suggest/", {"q": "Эмгек укуктары бузулду"})
    assert response.json()["articles"][0]["url"] == "/ky/help/labour-rights/"


@pytest.mark.django_db
def test_each_centre_has_requests_to_show(demo):
    for centre in Centre.objects.all():
        assert HelpRequest.objects.filter(centre=centre).count() >= 3


@pytest.mark.django_db
def test_the_form_and_the_private_pages_are_translated(demo, client):
    help_request = HelpRequest.objects.filter(centre__code="osh").first()
    for language in ("en", "ky"):
        status = f"/{language}/help/r/{help_request.token}/"
        for path in (f"/{language}/help/request/", status, f"{status}erase/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_the_demo_centres_staff_see_their_own_queue_only(demo, client):
    from django.urls import reverse

    from sovet.accounts.models import User
    from sovet.core.testing import page_text

    bishkek = HelpRequest.objects.filter(centre__code="bishkek").first()
    osh = HelpRequest.objects.filter(centre__code="osh").first()
    client.force_login(User.objects.get(email="bishkek@sovet.kg"))
    text = page_text(client.get(reverse("helpdesk_queue")), bishkek.reference)
    assert osh.reference not in text
    page_text(client.get(reverse("helpdesk_canned:index")), "Сроки постановки")
    client.force_login(User.objects.get(email="osh@sovet.kg"))
    text = page_text(client.get(reverse("helpdesk_queue")), osh.reference)
    assert bishkek.reference not in text
