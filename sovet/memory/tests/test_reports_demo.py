"""Visitors' reports about the demo's published cards: the public form, the e-mail to the
moderators, and hiding the card from the moderators' reports page."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from sovet.accounts.roles import Role
from sovet.core.testing import make_user
from sovet.memory import services
from sovet.memory.demo import DEMO_MODERATOR_EMAIL
from sovet.memory.models import (
    CardReport,
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    WarParticipant,
)

from .factories import CardReportFactory

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
    with pytest.raises(ValidationError):
        services.report_submit(card=WarParticipant.objects.get(pk=card.pk), reason="wrong_facts")


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
    with pytest.raises(ValidationError):
        services.report_submit(card=card, reason="bored")


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


def test_hiding_the_card_takes_it_off_the_site_and_closes_the_report(client, moderator, demo):
    card = WarParticipant.objects.get(surname="Ким")
    report = CardReportFactory(participant=card)
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
