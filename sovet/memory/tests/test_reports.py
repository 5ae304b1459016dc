"""Visitors' reports about published cards: the public form, the e-mail to the moderators, and
the moderators' reports pages (close, or hide the card and close)."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff, make_user
from sovet.memory import reports
from sovet.memory.demo import DEMO_MODERATOR_EMAIL
from sovet.memory.models import (
    CardReport,
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    WarParticipant,
)

from .test_merge import MODERATORS, make_card, staff, status_as  # noqa: F401 (a fixture)

GOOD = {"reason": "wrong_facts", "message": "Год рождения 1916, не 1915.", "email": ""}


@pytest.fixture
def card(demo):
    return WarParticipant.objects.get(surname="Соловьёв")


@pytest.fixture
def no_demo_moderator(demo, django_user_model):
    """The demo brings its own memory moderator: these tests choose who moderates."""
    django_user_model.objects.filter(email=DEMO_MODERATOR_EMAIL).delete()


def report_url(card, language="ru"):
    return f"/{language}/memory/{card.pk}/report/"


# --- The public form -------------------------------------------------------------------


def test_a_visitor_reports_a_card_and_the_moderators_are_emailed(
    card, client, no_demo_moderator, django_capture_on_commit_callbacks
):
    moderator = make_user("moderator@example.org", roles=[Role.MEMORY_MODERATOR])
    make_user("gone@example.org", roles=[Role.MEMORY_MODERATOR], is_active=False)
    make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    page = client.get(report_url(card))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="radio"' in html and "csrfmiddlewaretoken" in html
    assert 'for="id_email"' in html and 'for="id_reason_0"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(card), {**GOOD, "email": "son@example.org"})
    assert response.status_code == 302 and response["Location"].endswith("/report/?sent=1")
    report = CardReport.objects.get()
    assert (report.participant, report.reason, report.email) == (
        card, "wrong_facts", "son@example.org",
    )  # fmt: skip
    assert report.message == GOOD["message"] and report.resolved_at is None
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [moderator.email]
    assert f"/admin/memory/reports/{report.pk}/" in letter.body
    assert "Соловьёв Фёдор Иванович" in letter.subject and GOOD["message"] in letter.body
    assert "son@example.org" not in letter.body  # the reporter's address stays in the admin
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and thanks.context["sent"]
    assert "<form" not in thanks.content.decode().split("<main", 1)[-1].split("</main>")[0]


def test_without_moderators_the_council_is_emailed(
    card, client, settings, no_demo_moderator, django_capture_on_commit_callbacks
):
    settings.COUNCIL_EMAIL = "council@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(card), GOOD)
    assert [letter.to for letter in mail.outbox] == [["council@example.org"]]


@pytest.mark.parametrize("status", [CardStatus.DRAFT, CardStatus.HIDDEN, CardStatus.MERGED])
def test_only_published_cards_can_be_reported(card, client, status):
    WarParticipant.objects.filter(pk=card.pk).update(status=status)
    assert client.get(report_url(card)).status_code == 404
    assert client.post(report_url(card), GOOD).status_code == 404
    assert client.get("/ru/memory/999999/report/").status_code == 404
    assert not CardReport.objects.exists()
    with pytest.raises(reports.ValidationError):
        reports.report_card(WarParticipant.objects.get(pk=card.pk), "wrong_facts")


def test_bad_input_is_shown_and_what_was_typed_is_kept(card, client):
    typed = {"reason": "other", "message": "  ", "email": "not-an-address"}
    response = client.post(report_url(card), typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert {"message", "email"} <= set(form.errors)
    assert 'value="not-an-address"' in response.content.decode()
    unknown = client.post(report_url(card), {**GOOD, "reason": "bored"})
    assert "reason" in unknown.context["form"].errors
    assert GOOD["message"] in unknown.content.decode()
    assert not CardReport.objects.exists()
    with pytest.raises(reports.ValidationError):
        reports.report_card(card, "bored")


def test_the_form_needs_the_csrf_token(card):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(report_url(card), GOOD).status_code == 403
    assert not CardReport.objects.exists()


def test_reports_are_rate_limited_per_address(card, client):
    for _ in range(5):
        assert client.post(report_url(card), GOOD).status_code == 302
    typed = {**GOOD, "message": "Ещё одна ошибка в карточке"}
    response = client.post(report_url(card), typed)
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()
    assert "Ещё одна ошибка в карточке" in response.content.decode()
    assert CardReport.objects.count() == 5
    other = client.post(report_url(card), GOOD, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302  # another address is not limited


@pytest.mark.parametrize("language", ["ky", "en"])
def test_the_report_page_works_in_every_language(card, client, language):
    response = client.get(report_url(card, language))
    assert response.status_code == 200
    assert f'action="/{language}/memory/{card.pk}/report/"' in response.content.decode()


# --- The moderators' pages ---------------------------------------------------------------


@pytest.fixture
def moderator(db):
    return make_staff("mod@example.org", Role.MEMORY_MODERATOR)


def make_report(card, *, closed=False, **fields):
    return CardReport.objects.create(
        participant=card,
        reason=fields.pop("reason", "duplicate"),
        resolved_at=timezone.now() if closed else None,
        **fields,
    )


def test_report_pages_are_for_moderators_only(staff, client, db):  # noqa: F811
    from sovet.core.testing import assert_role_matrix

    card = make_card("Ким", "Георгий")
    report = make_report(card)

    def closes(user):
        status_as(client, user, "post", f"/admin/memory/reports/{report.pk}/", {"action": "close"})
        report.refresh_from_db()
        closed = report.resolved_at is not None
        CardReport.objects.filter(pk=report.pk).update(resolved_at=None, resolved_by=None)
        return closed

    def hides(user):
        url = f"/admin/memory/reports/{report.pk}/"
        status_as(client, user, "post", url, {"action": "hide"})
        hidden = WarParticipant.objects.get(pk=card.pk).status == CardStatus.HIDDEN
        WarParticipant.objects.filter(pk=card.pk).update(status=CardStatus.PUBLISHED)
        CardReport.objects.filter(pk=report.pk).update(resolved_at=None, resolved_by=None)
        return hidden

    def opens(url):
        return lambda user: status_as(client, user, "get", url) == 200

    assert_role_matrix(
        staff,
        {
            "reports": (opens("/admin/memory/reports/"), MODERATORS),
            "report": (opens(f"/admin/memory/reports/{report.pk}/"), MODERATORS),
            "close POST": (closes, MODERATORS),
            "hide POST": (hides, MODERATORS),
        },
    )
    client.force_login(staff[str(Role.ORGANIZATION_EDITOR)])
    assert client.get("/admin/memory/reports/").status_code == 403


def test_the_list_shows_open_reports_first_and_filters(client, moderator):
    card = make_card("Ким", "Георгий")
    old_open = make_report(card, reason="wrong_facts")
    closed = make_report(card, closed=True)
    new_open = make_report(card, reason="offensive")
    client.force_login(moderator)
    listed = list(client.get("/admin/memory/reports/").context["reports"])
    assert listed == [new_open, old_open, closed]
    assert list(client.get("/admin/memory/reports/?status=open").context["reports"]) == [
        new_open, old_open,
    ]  # fmt: skip
    assert list(client.get("/admin/memory/reports/?status=closed").context["reports"]) == [closed]
    assert client.get("/admin/memory/reports/?status=bogus").context["status"] == ""


def test_the_list_runs_a_constant_number_of_queries(client, moderator):
    client.force_login(moderator)

    def count():
        with CaptureQueriesContext(connection) as run:
            assert client.get("/admin/memory/reports/").status_code == 200
        return len(run)

    for i in range(2):
        make_report(make_card(f"Первый{i}"), closed=bool(i), resolved_by=moderator)
    client.get("/admin/memory/reports/")
    few = count()
    for i in range(6):
        make_report(make_card(f"Второй{i}"), closed=bool(i % 2), resolved_by=moderator)
    assert count() == few


def test_closing_a_report_logs_who_closed_it(client, moderator):
    card = make_card("Ким", "Георгий")
    report = make_report(card, message="Дубликат карточки №7", email="son@example.org")
    client.force_login(moderator)
    page = client.get(f"/admin/memory/reports/{report.pk}/").content.decode()
    assert "Дубликат карточки №7" in page and "son@example.org" in page
    assert f"/admin/memory/merge/?kept={card.pk}" in page
    response = client.post(f"/admin/memory/reports/{report.pk}/", {"action": "close"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == moderator and report.resolved_at is not None
    assert WarParticipant.objects.get(pk=card.pk).status == CardStatus.PUBLISHED
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.RESOLVE_REPORT, participant=card, user=moderator
    ).exists()
    again = client.post(f"/admin/memory/reports/{report.pk}/", {"action": "close"}, follow=True)
    with translation.override("ru"):  # the admin answers in the default language
        already_closed = gettext("This report is already closed.")
    assert already_closed in [str(m) for m in again.context["messages"]]
    assert ModerationLogEntry.objects.filter(action=ModerationAction.RESOLVE_REPORT).count() == 1


def test_hiding_the_card_takes_it_off_the_site_and_closes_the_report(client, moderator, demo):
    card = WarParticipant.objects.get(surname="Ким")
    report = make_report(card)
    client.force_login(moderator)
    client.post(f"/admin/memory/reports/{report.pk}/", {"action": "hide"})
    report.refresh_from_db()
    assert WarParticipant.objects.get(pk=card.pk).status == CardStatus.HIDDEN
    assert report.resolved_by == moderator
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.HIDE_CARD, participant=card, user=moderator
    ).exists()
    assert Client().get(f"/ru/memory/{card.pk}/").status_code == 404
    unknown = client.post(f"/admin/memory/reports/{report.pk}/", {"action": "delete"}, follow=True)
    assert unknown.status_code == 200


def test_a_merged_cards_report_cannot_hide_it(client, moderator):
    card = make_card("Ким", "Георгий")
    report = make_report(card)
    WarParticipant.objects.filter(pk=card.pk).update(status=CardStatus.MERGED)
    client.force_login(moderator)
    client.post(f"/admin/memory/reports/{report.pk}/", {"action": "hide"})
    report.refresh_from_db()
    assert report.resolved_at is None
    assert WarParticipant.objects.get(pk=card.pk).status == CardStatus.MERGED
