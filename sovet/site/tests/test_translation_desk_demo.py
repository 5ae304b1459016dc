"""The translation desk (core.translations): the Council's secretaries see what the public reads in
Russian under the Kyrgyz and English addresses — pages untranslated, aliases or out of date, and
records with an empty ``_ky``/``_en`` field — the most important first, each with its link to
translate; a piece leaves the list once translated."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.core.testing import MEMBER, VISITOR, admin_answer, page_text
from sovet.core.translations import MENU, REST, UPCOMING, untranslated_content
from sovet.events.tests.factories import EventFactory
from sovet.organizations.tests.factories import OrganizationFactory, editor_of, make_organization
from sovet.site.models import HomePage, NewsIndexPage, NewsPage, StandardPage

DESK = "/admin/translations/"
HEADING = "Что не переведено"
SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)


@pytest.fixture
def staff(demo, users):
    users["editor"] = editor_of(make_organization(name_ru="Родник"), "rodnik@example.org")
    with_two_factor(users)
    return users


def ru_home():
    return HomePage.objects.get(locale__language_code="ru", depth=2)


def add_page(parent, title, slug, **fields):
    page = parent.add_child(
        instance=StandardPage(title=title, slug=slug, locale=parent.locale, **fields)
    )
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def translate(page, language, capture, user=None):
    """What a secretary does with wagtail-localize: translate the page and publish it (on
    commit, as wagtail-localize publishes)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    with capture(execute=True):
        translation.save_target(user=user, publish=True)
    return page.get_translation(Locale.objects.get(language_code=language))


def rows(html: str) -> list[str]:
    """The titles the desk lists, in order."""
    return [
        unescape(title)
        for title in re.findall(
            r'<tr class="translation-desk__item">\s*<td lang="ru">([^<]*)</td>', html
        )
    ]


def desk(client, user, **params) -> str:
    client.force_login(user)
    return page_text(client.get(DESK, params), HEADING)


@pytest.mark.django_db
def test_a_new_page_is_listed_until_translated_then_again_when_its_russian_changes(
    staff, client, django_capture_on_commit_callbacks
):
    secretary = staff[SECRETARY]
    page = add_page(ru_home(), "Наши партнёры в регионах", "partners-in-regions")
    for language in ("ky", "en"):
        assert "Наши партнёры в регионах" in rows(desk(client, secretary, lang=language))

    translated = translate(page, "ky", django_capture_on_commit_callbacks, secretary)
    assert translated.live and not translated.alias_of_id
    assert "Наши партнёры в регионах" not in rows(desk(client, secretary, lang="ky"))
    html = desk(client, secretary, lang="en")
    assert "Наши партнёры в регионах" in rows(html)

    # The Russian page is edited and published again: the Kyrgyz one is out of date.
    page.intro = "Новый текст"
    page.save_revision().publish()
    html = desk(client, secretary, lang="ky")
    assert "Наши партнёры в регионах" in rows(html)
    source = TranslationSource.objects.get(object_id=page.translation_key)
    assert f'href="/admin/localize/update/{source.pk}/"' in html


@pytest.mark.django_db
def test_each_kind_of_gap_links_to_where_it_is_translated(staff, client):
    secretary = staff[SECRETARY]
    page = add_page(ru_home(), "Страница без перевода", "no-translation")
    Page.objects.filter(translation_key=page.translation_key, locale__language_code="ky").delete()
    english = Locale.objects.get(language_code="en")
    alias = page.get_translation_or_none(english)
    if alias is None:  # the locales do not sync new pages: alias it as the synchronisation would
        alias = page.create_alias(
            parent=ru_home().get_translation(english),
            update_locale=english,
            reset_translation_key=False,
        )
    html = desk(client, secretary)
    row = html.split("Страница без перевода", 1)[1].split("</tr>", 1)[0]
    # Missing in Kyrgyz: wagtail-localize's form to translate it.
    assert f'href="/admin/localize/submit/page/{page.pk}/"' in row
    # An alias in English: its edit page, where wagtail-localize offers "Translate this page".
    assert f'href="/admin/pages/{alias.pk}/edit/"' in row
    assert "не переведено" in row and "показывает русский текст" in row


@pytest.mark.django_db
def test_a_record_with_an_empty_kyrgyz_field_is_listed_until_filled(staff, client):
    secretary = staff[SECRETARY]
    organization = OrganizationFactory(
        name_ru="Общество «Снегирь»", name_ky="", name_en="Snegir Society"
    )
    html = desk(client, secretary, lang="ky", kind="organization")
    assert "Общество «Снегирь»" in rows(html)
    assert f'href="/admin/snippets/organizations/organization/edit/{organization.pk}/"' in html
    assert "Общество «Снегирь»" not in rows(desk(client, secretary, lang="en"))

    organization.name_ky = "«Снегирь» коому"
    organization.save()
    html = desk(client, secretary, lang="ky", kind="organization")
    assert "Общество «Снегирь»" not in rows(html)


@pytest.mark.django_db
def test_drafts_are_not_listed(staff, client):
    EventFactory(title_ru="Черновик вечера", published=False)
    EventFactory(title_ru="Открытый вечер")
    titles = rows(desk(client, staff[SECRETARY], kind="event"))
    assert "Открытый вечер" in titles
    assert "Черновик вечера" not in titles


@pytest.mark.django_db
def test_who_opens_the_desk(staff, client):
    expected = {
        VISITOR: "sign in",
        MEMBER: "sign in",
        "editor": "403",
        str(Role.ORGANIZATION_EDITOR): "403",
        str(Role.MEMORY_MODERATOR): "403",
        str(Role.HELPDESK_STAFF): "403",
        str(Role.YOUTH_COORDINATOR): "403",
        SECRETARY: "200",
        ADMINISTRATOR: "200",
    }
    assert {role: admin_answer(client, staff[role], "get", DESK) for role in expected} == expected
    assert "translation-desk__item" in desk(client, staff[SECRETARY])


@pytest.mark.django_db
def test_the_menu_and_the_staff_desk_lead_there_for_the_secretaries_only(staff, client):
    OrganizationFactory(name_ru="Общество «Снегирь»")
    client.force_login(staff[SECRETARY])
    home = page_text(client.get("/admin/"), "Не переведено на кыргызский", '"translation-desk"')
    count = int(
        re.search(
            r'<span class="desk__count">(\d+)</span> <span class="desk__label">'
            r"Не переведено на кыргызский",
            home,
        ).group(1)
    )
    assert count == sum(1 for item in untranslated_content() if item.lacks("ky"))
    assert f'href="{DESK}?lang=ky"' in home
    client.force_login(staff[str(Role.MEMORY_MODERATOR)])
    home = page_text(client.get("/admin/"), "Панель управления")
    assert DESK not in home and '"translation-desk"' not in home


@pytest.mark.django_db
def test_the_desk_costs_the_same_queries_however_much_is_untranslated(staff, client):
    client.force_login(staff[SECRETARY])
    client.get(DESK)
    with CaptureQueriesContext(connection) as before:
        client.get(DESK)
    OrganizationFactory.create_batch(4)
    EventFactory.create_batch(3)
    add_page(ru_home(), "Ещё одна страница", "one-more")
    with CaptureQueriesContext(connection) as after:
        client.get(DESK)
    assert len(after) == len(before)


@pytest.mark.django_db
def test_the_most_important_come_first(staff, client):
    home = ru_home()
    menu_page = add_page(home, "Раздел меню", "menu-section", show_in_menus=True)
    news_index = NewsIndexPage.objects.filter(locale=home.locale).first()
    news = news_index.add_child(
        instance=NewsPage(title="Новость дня", slug="news-of-the-day", intro="Кратко")
    )
    news.save_revision().publish()
    soon = EventFactory(title_ru="Вечер на следующей неделе")
    past = EventFactory(
        title_ru="Вчерашний вечер",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(hours=20),
    )
    later = EventFactory(
        title_ru="Вечер через месяц",
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=2),
    )
    items = untranslated_content()
    order = [item.title for item in items]
    by_title = {item.title: item for item in items}
    assert by_title[menu_page.title].importance == MENU
    assert by_title[soon.title_ru].importance == UPCOMING
    assert by_title[past.title_ru].importance == REST
    assert order.index(menu_page.title) < order.index(news.title)
    assert order.index(soon.title_ru) < order.index(later.title_ru) < order.index(past.title_ru)
    # The desk shows them in that order.
    titles = rows(desk(client, staff[SECRETARY], kind="event", lang="ky"))
    assert titles.index(soon.title_ru) < titles.index(later.title_ru) < titles.index(past.title_ru)


@pytest.mark.django_db
def test_a_filter_it_does_not_know_shows_everything(staff, client):
    OrganizationFactory(name_ru="Общество «Снегирь»")
    everything = desk(client, staff[SECRETARY])
    assert rows(everything)
    assert rows(desk(client, staff[SECRETARY], lang="fr", kind="nothing")) == rows(everything)


@pytest.mark.django_db
def test_the_demo_starts_with_everything_public_translated(demo):
    # Every public page and record of the demo reads in Kyrgyz and English: the desk is empty.
    # (A new untranslated piece is listed: see the tests above.)
    assert [(item.kind, item.title) for item in untranslated_content()] == []


@pytest.mark.django_db
def test_an_event_venue_and_the_council_address_untranslated_are_listed(demo):
    from sovet.events.models import Event
    from sovet.site.models import CouncilContacts

    event = Event.objects.get(venue="Дом дружбы")
    Event.objects.filter(pk=event.pk).update(venue_en="")
    contacts = CouncilContacts.load()
    contacts.address_ky = ""
    contacts.save()
    found = {(item.kind, item.title): item for item in untranslated_content()}
    assert [g.language for g in found[("event", event.title_ru)].gaps] == ["en"]
    contacts_item = found[("council-contacts", "Контакты Совета")]
    assert [g.language for g in contacts_item.gaps] == ["ky"]
    assert contacts_item.gaps[0].url == f"/admin/settings/site/councilcontacts/{contacts.pk}/"
    # Translated again: both leave the list.
    Event.objects.filter(pk=event.pk).update(venue_en="House of Friendship")
    contacts.address_ky = "720040, Бишкек ш."
    contacts.save()
    assert [(item.kind, item.title) for item in untranslated_content()] == []
