"""Youth initiatives' public pages: the list, one initiative, proposing, supporting."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sovet.community.initiatives import services
from sovet.community.models import Initiative, InitiativeStatus, Support
from sovet.core.testing import make_user, page_text
from sovet.organizations.tests.factories import OrganizationFactory

from .factories import make_volunteer

pytestmark = pytest.mark.django_db


def propose(author, title="Субботник у памятника", **fields):
    return services.initiative_propose(
        author=author,
        title=title,
        summary=fields.pop("summary", "Убрать территорию у памятника."),
        needs="Перчатки",
        organization=fields.pop("organization", None),
        notify_author=True,
    )


def admitted(author, title="Субботник у памятника", **fields):
    initiative = propose(author, title, **fields)
    return services.initiative_check(initiative=initiative, admit=True, note="", by=None)


@pytest.fixture
def author():
    return make_volunteer("author@example.org", age=20, phone="+996555000111").user


def url(page, tail=""):
    return f"{page.url}initiatives/{tail}"


def test_the_list_never_shows_initiatives_in_check_or_refused(client, volunteers_page, author):
    admitted(author, "Открытая инициатива")
    propose(author, "Ждущая проверки")
    refused = propose(author, "Отклонённая проверкой")
    services.initiative_check(initiative=refused, admit=False, note="Дубликат", by=None)
    text = page_text(client.get(url(volunteers_page)), "Открытая инициатива", "Собирает подписи")
    assert "Ждущая проверки" not in text
    assert "Отклонённая проверкой" not in text


def test_the_list_filters_by_status_and_a_bad_value_filters_nothing(
    client, volunteers_page, author
):
    admitted(author, "Собирает сейчас")
    answered = admitted(author, "Уже отвечено")
    services.initiative_answer(initiative=answered, accept=False, answer="Нет", by=None)
    text = page_text(client.get(url(volunteers_page) + "?status=declined"), "Уже отвечено")
    assert "Собирает сейчас" not in text
    page_text(
        client.get(url(volunteers_page) + "?status=checking"), "Собирает сейчас", "Уже отвечено"
    )


def test_the_list_shows_supports_against_the_threshold_and_days_left(
    client, volunteers_page, author
):
    initiative = admitted(author)
    services.initiative_support(initiative=initiative, user=make_user("fan@example.org"))
    left = (initiative.collecting_until - timezone.localdate()).days
    page_text(client.get(url(volunteers_page)), 'value="1"', 'max="100"', f"{left} ")


def test_the_lists_queries_do_not_grow_with_initiatives(client, volunteers_page, author):
    admitted(author, "Первая", organization=OrganizationFactory())
    client.get(url(volunteers_page))  # warm the caches (site, locales, settings)
    with CaptureQueriesContext(connection) as few:
        page_text(client.get(url(volunteers_page)), "Первая")
    for n in range(6):
        admitted(author, f"Ещё {n}", organization=OrganizationFactory())
    with CaptureQueriesContext(connection) as many:
        page_text(client.get(url(volunteers_page)), "Ещё 5")
    assert len(many) == len(few)


def test_the_page_shows_the_author_by_first_name_only(client, volunteers_page, author):
    initiative = admitted(author)
    text = page_text(
        client.get(url(volunteers_page, f"{initiative.pk}/")), "Субботник у памятника", "Анна"
    )
    assert "Петрова" not in text
    assert "author@example.org" not in text
    assert "+996555000111" not in text
    assert str(author.volunteer.birth_date.year) not in text


def test_someone_else_gets_404_for_an_initiative_in_check_and_the_author_sees_it(
    client, volunteers_page, author
):
    initiative = propose(author, "Моя идея")
    address = url(volunteers_page, f"{initiative.pk}/")
    assert client.get(address).status_code == 404
    client.force_login(make_user("other@example.org"))
    assert client.get(address).status_code == 404
    client.force_login(author)
    response = client.get(address)
    page_text(response, "Моя идея", "Техническая проверка")
    assert "no-store" in response["Cache-Control"]


def test_the_author_reads_why_it_was_refused(client, volunteers_page, author):
    initiative = propose(author, "Моя идея")
    services.initiative_check(
        initiative=initiative, admit=False, note="Повтор инициативы №2", by=None
    )
    client.force_login(author)
    page_text(client.get(url(volunteers_page, f"{initiative.pk}/")), "Повтор инициативы №2")
    client.force_login(make_user("other@example.org"))
    assert client.get(url(volunteers_page, f"{initiative.pk}/")).status_code == 404


@pytest.mark.parametrize("age", [13, 36])
def test_propose_explains_the_age_range(client, volunteers_page, age):
    client.force_login(make_volunteer(f"v{age}@example.org", age=age).user)
    response = client.post(url(volunteers_page, "new/"), {"title": "Идея", "summary": "Суть"})
    page_text(response, "14", "35", "Предложить инициативу")
    assert not Initiative.objects.exists()


def test_propose_sends_a_visitor_to_sign_in_or_sign_up(client, volunteers_page):
    page_text(
        client.get(url(volunteers_page, "new/")), "/accounts/login/", f"{volunteers_page.url}join/"
    )
    client.force_login(make_user("noprofile@example.org"))
    page_text(client.get(url(volunteers_page, "new/")), f"{volunteers_page.url}join/")


def test_a_young_volunteer_proposes_and_lands_on_their_page(client, volunteers_page, author):
    client.force_login(author)
    organization = OrganizationFactory()
    response = client.post(
        url(volunteers_page, "new/"),
        {
            "title": "Уход за мемориалом",
            "summary": "Каждую субботу",
            "needs": "",
            "organization": organization.pk,
            "notify_author": "on",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(volunteers_page, f"{initiative.pk}/")
    assert initiative.status == InitiativeStatus.CHECKING
    assert initiative.organization == organization
    assert initiative.language == "ru"


def test_a_bad_proposal_keeps_what_was_typed(client, volunteers_page, author):
    client.force_login(author)
    response = client.post(
        url(volunteers_page, "new/"), {"title": "", "summary": "Мой длинный текст"}
    )
    page_text(response, "Мой длинный текст", "Требуется заполнить это поле")
    assert not Initiative.objects.exists()


def test_proposals_are_rate_limited_before_the_form_is_read(
    client, volunteers_page, author, settings
):
    client.force_login(author)
    for n in range(5):
        client.post(url(volunteers_page, "new/"), {"title": f"Идея {n}", "summary": "Суть"})
    response = client.post(url(volunteers_page, "new/"), {"title": "Шестая", "summary": "Суть"})
    assert response.status_code == 429
    page_text(response, "Шестая", status=429)
    assert Initiative.objects.count() == 5


def test_support_signed_in_once_with_notify(client, volunteers_page, author):
    initiative = admitted(author)
    fan = make_user("fan@example.org")
    address = url(volunteers_page, f"{initiative.pk}/support/")
    assert client.get(address).status_code == 405
    response = client.post(address, {"notify": "on"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(fan)
    page_text(client.get(url(volunteers_page, f"{initiative.pk}/")), "Поддержать инициативу")
    client.post(address, {"notify": "on"})
    client.post(address, {})
    support = Support.objects.get()
    assert support.user == fan
    assert support.notify is True
    initiative.refresh_from_db()
    assert initiative.supports_count == 1
    page_text(client.get(url(volunteers_page, f"{initiative.pk}/")), "Вы поддерживаете")


def test_the_author_and_a_closed_initiative_get_a_message_not_a_support(
    client, volunteers_page, author
):
    initiative = admitted(author)
    client.force_login(author)
    response = client.post(url(volunteers_page, f"{initiative.pk}/support/"), follow=True)
    page_text(response, "Нельзя поддержать свою инициативу")
    Initiative.objects.filter(pk=initiative.pk).update(
        collecting_until=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(make_user("late@example.org"))
    text = page_text(
        client.get(url(volunteers_page, f"{initiative.pk}/")), "больше не собирает подписи"
    )
    assert "Поддержать инициативу" not in text
    response = client.post(url(volunteers_page, f"{initiative.pk}/support/"), follow=True)
    page_text(response, "больше не собирает подписи")
    assert not Support.objects.exists()


def test_an_initiative_in_check_cannot_be_supported(client, volunteers_page, author):
    initiative = propose(author)
    client.force_login(make_user("fan@example.org"))
    assert client.post(url(volunteers_page, f"{initiative.pk}/support/")).status_code == 404


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_pages_are_translated(client, volunteers_page, author, language):
    from sovet.core.i18n_checks import untranslated_texts

    initiative = admitted(author, organization=OrganizationFactory())
    checking = propose(author, "Вторая")
    base = f"/{language}/volunteers/initiatives/"
    client.force_login(make_volunteer("fan@example.org", age=40).user)
    for path in (base, f"{base}{initiative.pk}/", f"{base}new/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path
    client.force_login(author)
    for path in (f"{base}{checking.pk}/", f"{base}new/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


def test_a_support_forgets_the_initiatives_pages_and_nothing_else(
    client, volunteers_page, author, settings, django_capture_on_commit_callbacks
):
    from sovet.core.page_cache import content_version

    settings.PAGE_CACHE_SECONDS = 600
    initiative = admitted(author)
    path = url(volunteers_page, f"{initiative.pk}/")
    assert client.get(path)["X-Cache"] == "miss"
    assert client.get(path)["X-Cache"] == "hit"
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_support(initiative=initiative, user=make_user("fan@example.org"))
    after = client.get(path)
    assert after["X-Cache"] == "miss"
    page_text(after, initiative.title)
    assert Initiative.objects.get(pk=initiative.pk).supports_count == 1
    assert content_version() == version  # the rest of the site stays cached
