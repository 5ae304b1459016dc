"""Visitors' reports about published cards: the moderators' reports pages (close, or hide the card
and close). The public form and the e-mail to the moderators: test_reports_demo.py."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.memory.models import (
    CardReport,
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    WarParticipant,
)

from .factories import CardFactory, CardReportFactory
from .test_merge import MODERATORS, staff, status_as  # noqa: F401 (a fixture)

# --- The moderators' pages ---------------------------------------------------------------


def test_report_pages_are_for_moderators_only(staff, client, db):  # noqa: F811
    from sovet.core.testing import assert_role_matrix

    card = CardFactory(surname="Ким", given_name="Георгий")
    report = CardReportFactory(participant=card)

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
    card = CardFactory(surname="Ким", given_name="Георгий")
    old_open = CardReportFactory(participant=card, reason="wrong_facts")
    closed = CardReportFactory(participant=card, closed=True)
    new_open = CardReportFactory(participant=card, reason="offensive")
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
        CardReportFactory(
            participant=CardFactory(surname=f"Первый{i}"), closed=bool(i), resolved_by=moderator
        )
    client.get("/admin/memory/reports/")
    few = count()
    for i in range(6):
        CardReportFactory(
            participant=CardFactory(surname=f"Второй{i}"), closed=bool(i % 2), resolved_by=moderator
        )
    assert count() == few


def test_closing_a_report_logs_who_closed_it(client, moderator):
    card = CardFactory(surname="Ким", given_name="Георгий")
    report = CardReportFactory(
        participant=card, message="Дубликат карточки №7", email="son@example.org"
    )
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


def test_a_merged_cards_report_cannot_hide_it(client, moderator):
    card = CardFactory(surname="Ким", given_name="Георгий")
    report = CardReportFactory(participant=card)
    WarParticipant.objects.filter(pk=card.pk).update(status=CardStatus.MERGED)
    client.force_login(moderator)
    client.post(f"/admin/memory/reports/{report.pk}/", {"action": "hide"})
    report.refresh_from_db()
    assert report.resolved_at is None
    assert WarParticipant.objects.get(pk=card.pk).status == CardStatus.MERGED
