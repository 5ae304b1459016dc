"""The staff desk on the admin's home page: each role sees the lines of its work and no other,
with the right counts, each a link to the list that shows them; the editor's desk names their
organization and leads to the report form with it chosen."""

import re
from html import unescape
from unittest.mock import ANY

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.conferences.tests.factories import (
    ConferenceFactory,
    DecisionFactory,
    DelegateFactory,
    ProgressReportFactory,
)
from sovet.core.testing import MEMBER, VISITOR, page_text
from sovet.events.tests.factories import EventFactory, RegistrationFactory
from sovet.memory.tests.factories import CardReportFactory, StoryFactory
from sovet.organizations.tests.factories import editor_of, make_organization
from sovet.places.models import PlaceReport
from sovet.places.tests.factories import make_place

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
MODERATOR, HELPDESK = str(Role.MEMORY_MODERATOR), str(Role.HELPDESK_STAFF)
EDITOR = "editor of «Родник»"

REPORTS = "Отчёты о выполнении ждут проверки"
OVERDUE = "Просроченные решения"
DELEGATES = "Делегаты ждут подтверждения"  # : <the conference>
STORIES = "Истории ждут модерации"
CARD_REPORTS = "Сообщения об ошибках в карточках ждут проверки"
EVENTS_WAITING = "Мероприятия ждут одобрения"
REGISTRATIONS = "Регистрации на мероприятия за последние 7 дней"
PLACE_REPORTS = "Неразобранные сообщения о местах памяти"
OUR_EVENTS = "Наши предстоящие мероприятия"
OUR_PLACES = "Места памяти, о которых мы заботимся"
OUR_CARD = "Карточка «Родник»"
# The translation desk's lines (core.translations; counted in test_translation_desk_demo).
NOT_KY, NOT_EN = "Не переведено на кыргызский", "Не переведено на английский"

# role: {line: count} — exactly the lines the role sees (None: a link without a count).
COUNCIL = {REPORTS: 2, OVERDUE: 1, DELEGATES: 2, EVENTS_WAITING: 1, REGISTRATIONS: 2,
           PLACE_REPORTS: 2, NOT_KY: ANY, NOT_EN: ANY}  # fmt: skip
MEMORY = {STORIES: 1, CARD_REPORTS: 1}
EXPECTED = {
    SECRETARY: COUNCIL,
    ADMINISTRATOR: COUNCIL | MEMORY,
    MODERATOR: MEMORY | {PLACE_REPORTS: 2},
    EDITOR: {OUR_CARD: None, OUR_EVENTS: 1, PLACE_REPORTS: 1, OUR_PLACES: 1},
    # An editor of no organization yet: their events list opens, empty.
    str(Role.ORGANIZATION_EDITOR): {OUR_EVENTS: 0},
    HELPDESK: {},
}


@pytest.fixture
def world(users):
    """A little of everything that waits for someone, and a little that does not."""
    rodnik, other = make_organization(name_ru="Родник"), make_organization(name_ru="Другая")
    users[EDITOR] = editor_of(rodnik, "rodnik@example.org")
    with_two_factor(users)
    overdue = DecisionFactory(due="2020", status="in_progress")
    overdue.organizations.set([rodnik])
    ahead = DecisionFactory(resolution=overdue.resolution, due="2099")
    ahead.organizations.set([rodnik])
    DecisionFactory(resolution=overdue.resolution, due="2020", status="done")  # done: not overdue
    DecisionFactory(resolution=overdue.resolution, due="2020", tracked=False)  # a thank-you
    ProgressReportFactory.create_batch(2, decision=overdue, organization=rodnik)
    ProgressReportFactory(decision=overdue, organization=rodnik, status="accepted")
    conference = ConferenceFactory(status="registration_open")
    DelegateFactory.create_batch(2, conference=conference, organization=other)
    DelegateFactory(conference=conference, organization=other, confirmed=True)
    StoryFactory()
    StoryFactory(status="needs_changes")
    CardReportFactory()
    CardReportFactory(closed=True)
    waiting = EventFactory(organizations=[rodnik], approved=False)
    EventFactory(organizations=[other])
    RegistrationFactory.create_batch(2, event=waiting)
    RegistrationFactory(event=waiting, status="cancelled")
    ours, theirs = make_place(caretaker=rodnik), make_place("Памятник", caretaker=other)
    for place, status in ((ours, "new"), (theirs, "in_progress"), (ours, "resolved")):
        PlaceReport.objects.create(
            place=place,
            kind="damage",
            description="Скол",
            status=status,
            reporter_email="visitor@example.org",
        )
    return users, rodnik, overdue, ahead


def desk_lines(client, user) -> dict:
    """{label: count} of the desk on the admin's home page, with each line's link."""
    client.force_login(user)
    html = page_text(client.get("/admin/"), "</html>")
    if 'class="panel desk' not in html:
        return {}
    desk = html.split('class="panel desk', 1)[1].split("</section>", 1)[0]
    lines = re.findall(
        r'<a href="([^"]+)"><span class="desk__count">(\d*)</span> '
        r'<span class="desk__label">([^<]*)</span>',
        desk,
    )
    return {unescape(label).split(":")[0]: (int(count) if count else None, unescape(url))
            for url, count, label in lines}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_the_lines_of_its_work(world, client, role):
    users = world[0]
    lines = desk_lines(client, users[role])
    assert {label: count for label, (count, _url) in lines.items()} == EXPECTED[role]


@pytest.mark.django_db
def test_a_desk_is_for_staff_only(world, client):
    users = world[0]
    for role in (VISITOR, MEMBER):
        client.logout()
        if not isinstance(users[role], AnonymousUser):
            client.force_login(users[role])
        response = client.get("/admin/")
        assert response.status_code == 302, role
        assert "/login/" in response["Location"] or "/accounts/" in response["Location"], role


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ADMINISTRATOR, EDITOR])
def test_every_line_opens_the_list_it_counts(world, client, role):
    users = world[0]
    for label, (_count, url) in desk_lines(client, users[role]).items():
        assert client.get(url).status_code == 200, f"{label}: {url}"


@pytest.mark.django_db
def test_the_overdue_line_lists_exactly_the_overdue_decisions(world, client):
    users, _rodnik, overdue, ahead = world
    _count, url = desk_lines(client, users[SECRETARY])[OVERDUE]
    text = page_text(client.get(url), overdue.text_ru)
    assert ahead.text_ru not in text
    assert set(re.findall(r'href="/admin/conferences_decision/edit/(\d+)/', text)) == {
        str(overdue.pk)
    }


@pytest.mark.django_db
def test_the_reports_line_lists_the_reports_waiting(world, client):
    users = world[0]
    _count, url = desk_lines(client, users[SECRETARY])[REPORTS]
    text = page_text(client.get(url), "Родник")
    assert len(set(re.findall(r'href="/admin/conferences/reports/(\d+)/review/', text))) == 2


@pytest.mark.django_db
def test_the_desk_costs_the_same_queries_however_much_waits(world, client):
    users, rodnik, overdue, _ahead = world
    client.force_login(users[ADMINISTRATOR])
    client.get("/admin/")  # the site and the menus, read once
    with CaptureQueriesContext(connection) as before:
        client.get("/admin/")
    ProgressReportFactory.create_batch(5, decision=overdue, organization=rodnik)
    StoryFactory.create_batch(3)
    DelegateFactory.create_batch(3, conference=ConferenceFactory(status="planned"))
    with CaptureQueriesContext(connection) as after:
        client.get("/admin/")
    # One more open conference is one more line, read by the same query.
    assert len(after) == len(before)


@pytest.mark.django_db
def test_the_editors_desk_names_the_organization_and_leads_to_the_report(world, client):
    users, rodnik, overdue, ahead = world
    client.force_login(users[EDITOR])
    html = page_text(client.get("/admin/"), "Что ожидается от нас", "«Родник»", "Просрочено")
    # Overdue first, each decision's report link with the organization chosen.
    assert html.index(overdue.text_ru) < html.index(ahead.text_ru)
    link = f"/admin/conferences/decisions/{overdue.pk}/report/?organization={rodnik.pk}"
    assert f'href="{link}"' in html
    form = page_text(client.get(link), overdue.text_ru)
    assert re.search(rf'<option value="{rodnik.pk}"[^>]*selected', form)
