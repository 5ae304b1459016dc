"""Chasing decisions: reminders before and after a due date, the secretaries' monthly digest,
and the review of a report (asked for more, answered), each with a frozen clock (the services
take the day; the tasks run at once in tests) and Django's mail outbox."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.users.models import UserProfile

from sovet.accounts.roles import Role
from sovet.conferences import services
from sovet.conferences.followup import queries, tasks
from sovet.conferences.followup import services as followup
from sovet.conferences.models import (
    ConferencesSettings,
    DecisionReminder,
    DigestSent,
    ProgressReport,
    ReportEvent,
)
from sovet.core.testing import MEMBER, VISITOR, make_user
from sovet.organizations.services import organization_editor_add
from sovet.organizations.tests.factories import editor_of, make_organization

from .factories import DecisionFactory, ProgressReportFactory, ResolutionFactory

BISHKEK = ZoneInfo("Asia/Bishkek")


@pytest.fixture
def world(db, users):
    """A decision due on 30 June 2026, assigned to two organizations, each with an editor
    (one reads English); a second organization's editor; a Council secretary."""
    assigned, second = make_organization(name_ru="Назначенная"), make_organization(name_ru="Вторая")
    other = make_organization(name_ru="Другая")
    decision = DecisionFactory(
        resolution=ResolutionFactory(adopted_on=date(2025, 4, 2)),
        text_ru="Провести форум молодёжи до 30 июня 2026 года.",
        due="2026-06-30",
    )
    decision.organizations.set([assigned, second])
    users["editor"] = editor_of(assigned, "editor@example.org")
    users["english editor"] = editor_of(second, "english@example.org")
    UserProfile.objects.create(user=users["english editor"], preferred_language="en")
    users["editor of another"] = editor_of(other, "another@example.org")
    return users, decision, assigned, other


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=BISHKEK)


def run(captured, fn, **kwargs):
    """Call a service and run what it queued on commit (the letters' tasks)."""
    with captured(execute=True):
        return fn(**kwargs)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# Reminders


@pytest.mark.django_db
def test_reminder_before_the_due_date_goes_once_to_each_editor(
    world, django_capture_on_commit_callbacks
):
    users, decision, _assigned, _other = world
    send = followup.reminders_send
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 15)) == 0
    assert mail.outbox == []
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 16)) == 1
    assert recipients() == ["editor@example.org", "english@example.org"]
    russian = next(m for m in mail.outbox if m.to == ["editor@example.org"])
    assert "30 июня 2026 г." in russian.subject and "Решение" not in russian.subject
    assert "Провести форум молодёжи" in russian.body
    assert f"/admin/conferences/decisions/{decision.pk}/report/" in russian.body
    english = next(m for m in mail.outbox if m.to == ["english@example.org"])
    assert english.subject.startswith("A decision falls due on 30 June 2026")
    # The next run, the next day: nothing more.
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 16)) == 0
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 20)) == 0
    assert len(mail.outbox) == 2
    reminder = DecisionReminder.objects.get()
    assert (reminder.kind, reminder.due_on, reminder.recipients) == (
        "before_due",
        date(2026, 6, 30),
        2,
    )


@pytest.mark.django_db
def test_an_editor_of_two_assigned_organizations_gets_one_letter(
    world, django_capture_on_commit_callbacks
):
    users, decision, _assigned, other = world
    # The same person, now also an editor of another organization assigned to it.
    organization_editor_add(organization=other, user=users["editor"])
    decision.organizations.add(other)
    run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 6, 20))
    assert recipients() == ["another@example.org", "editor@example.org", "english@example.org"]


@pytest.mark.django_db
def test_a_new_due_date_is_reminded_again(world, django_capture_on_commit_callbacks):
    _users, decision, _assigned, _other = world
    run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 6, 20))
    decision.due = "2026-09"
    decision.save()
    mail.outbox.clear()
    assert (
        run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 6, 21))
        == 0
    )  # September is far
    assert (
        run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 9, 17))
        == 1
    )
    assert len(mail.outbox) == 2 and "30 сентября 2026 г." in mail.outbox[0].subject


@pytest.mark.django_db
def test_the_setting_says_how_many_days_before(world, django_capture_on_commit_callbacks):
    config = ConferencesSettings.load()
    config.remind_days_before = 3
    config.save()
    send = followup.reminders_send
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 26)) == 0
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 27)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"status": "done"},
        {"status": "cancelled"},
        {"tracked": False},
        {"recurrence": "permanent"},
        {"due": ""},
    ],
)
def test_no_reminder_for_decisions_with_nothing_due(
    world, django_capture_on_commit_callbacks, change
):
    _users, decision, _assigned, _other = world
    for name, value in change.items():
        setattr(decision, name, value)
    decision.save()
    for day in (date(2026, 6, 20), date(2026, 7, 1)):
        run(django_capture_on_commit_callbacks, followup.reminders_send, today=day)
    assert mail.outbox == [] and not DecisionReminder.objects.exists()


@pytest.mark.django_db
def test_no_reminder_without_an_assigned_organization(world, django_capture_on_commit_callbacks):
    _users, decision, _assigned, _other = world
    decision.organizations.clear()
    run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 6, 20))
    assert mail.outbox == [] and not DecisionReminder.objects.exists()


@pytest.mark.django_db
def test_overdue_reminder_once_and_only_if_the_setting_says(
    world, django_capture_on_commit_callbacks
):
    send = followup.reminders_send
    # Due today is not overdue yet (Decision.is_overdue_on).
    run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 30))
    mail.outbox.clear()
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 7, 1)) == 1
    assert len(mail.outbox) == 2
    english = next(m for m in mail.outbox if m.to == ["english@example.org"])
    assert english.subject.startswith("A decision is overdue")
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 7, 2)) == 0
    assert len(mail.outbox) == 2
    assert set(DecisionReminder.objects.values_list("kind", flat=True)) == {
        "before_due",
        "overdue",
    }


@pytest.mark.django_db
def test_no_overdue_reminder_when_turned_off(world, django_capture_on_commit_callbacks):
    config = ConferencesSettings.load()
    config.remind_overdue = False
    config.save()
    assert (
        run(django_capture_on_commit_callbacks, followup.reminders_send, today=date(2026, 7, 1))
        == 0
    )
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_yearly_decision_is_reminded_before_the_end_of_each_year(
    world, django_capture_on_commit_callbacks
):
    _users, decision, _assigned, _other = world
    decision.due, decision.recurrence = "", "yearly"
    decision.save()
    send = followup.reminders_send
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 6, 20)) == 0
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 12, 20)) == 1
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 12, 21)) == 0
    assert run(django_capture_on_commit_callbacks, send, today=date(2027, 12, 20)) == 1
    assert list(DecisionReminder.objects.order_by("due_on").values_list("due_on", flat=True)) == [
        date(2026, 12, 31),
        date(2027, 12, 31),
    ]


@pytest.mark.django_db
def test_the_reminder_task_reads_the_clock(world, django_capture_on_commit_callbacks):
    """The periodic task itself, its clock frozen on 20 June 2026."""
    frozen = mock.patch("django.utils.timezone.now", return_value=at(2026, 6, 20))
    with frozen, django_capture_on_commit_callbacks(execute=True):
        result = tasks.send_decision_reminders.enqueue()
    assert result.return_value == 1 and len(mail.outbox) == 2


@pytest.mark.django_db
def test_decisions_to_remind_is_one_query_for_any_number(world, django_assert_max_num_queries):
    _users, decision, assigned, other = world
    for number in range(2, 12):
        more = DecisionFactory(resolution=decision.resolution, number=number, due="2026-06-30")
        more.organizations.set([assigned, other])
    with django_assert_max_num_queries(3):
        decisions = list(queries.decisions_to_remind())
        links = [
            link.user_id
            for d in decisions
            for organization in d.organizations.all()
            for link in organization.editor_links.all()
        ]
    assert len(decisions) == 11 and links


# The monthly digest


@pytest.fixture
def digest_world(world):
    """The decision overdue (due June 2026), another with no report since its adoption, a
    report waiting for review and one answered after a question; a second secretary."""
    users, decision, assigned, _other = world
    users["second secretary"] = make_user("second@example.org", roles=[Role.COUNCIL_SECRETARY])
    DecisionFactory(resolution=decision.resolution, text_ru="Издать сборник статей.")
    ProgressReportFactory(decision=decision, organization=assigned, text="Провели встречу.")
    return users, decision, assigned


@pytest.mark.django_db
def test_digest_once_a_month_to_the_secretaries_only(
    digest_world, django_capture_on_commit_callbacks
):
    send = followup.digest_send
    assert run(django_capture_on_commit_callbacks, send, now=at(2026, 8, 1, hour=7)) is False
    assert run(django_capture_on_commit_callbacks, send, now=at(2026, 8, 1)) is True
    assert recipients() == ["council_secretary@example.org", "second@example.org"]
    body = mail.outbox[0].body
    assert "Просроченные решения: 1" in body and "Провести форум молодёжи" in body
    assert "Издать сборник статей" in body  # no report in 90 days
    assert "Отчёты, ожидающие проверки: 1" in body and "Назначенная" in body
    assert "/review/" in body and "/admin/conferences/reports/waiting/" in body
    # Again the same month: nothing; the next month: again.
    assert run(django_capture_on_commit_callbacks, send, now=at(2026, 8, 1, hour=10)) is False
    assert run(django_capture_on_commit_callbacks, send, now=at(2026, 8, 20)) is False
    assert len(mail.outbox) == 2
    assert run(django_capture_on_commit_callbacks, send, now=at(2026, 9, 3)) is True
    assert len(mail.outbox) == 4
    assert list(DigestSent.objects.order_by("month").values_list("month", flat=True)) == [
        date(2026, 8, 1),
        date(2026, 9, 1),
    ]


@pytest.mark.django_db
def test_digest_is_off_when_the_setting_says(digest_world, django_capture_on_commit_callbacks):
    config = ConferencesSettings.load()
    config.monthly_digest = False
    config.save()
    assert (
        run(django_capture_on_commit_callbacks, followup.digest_send, now=at(2026, 8, 1)) is False
    )
    assert mail.outbox == [] and not DigestSent.objects.exists()


@pytest.mark.django_db
def test_an_empty_digest_is_not_sent_but_the_month_is_done(
    world, django_capture_on_commit_callbacks
):
    _users, decision, _assigned, _other = world
    decision.status = "done"
    decision.save()
    assert (
        run(django_capture_on_commit_callbacks, followup.digest_send, now=at(2026, 8, 1)) is False
    )
    assert mail.outbox == []
    assert list(DigestSent.objects.values_list("month", flat=True)) == [date(2026, 8, 1)]


@pytest.mark.django_db
def test_digest_marks_answered_reports(digest_world, django_capture_on_commit_callbacks):
    users, decision, assigned = digest_world
    report = ProgressReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(
            report=report, user=users[str(Role.COUNCIL_SECRETARY)], status="needs_more",
            comment="Сколько пришло людей?",
        )  # fmt: skip
        followup.progress_report_answer(report=report, user=users["editor"], text="Сорок человек.")
    contents = queries.digest(today=date(2026, 8, 1), stale_days=90)
    assert [(r.pk, r.answered) for r in contents.waiting] == [(report.pk, True)]
    assert [d.pk for d in contents.overdue] == [decision.pk]
    assert decision.pk not in [d.pk for d in contents.stale]  # listed once, as overdue


# The review of a report


@pytest.fixture
def reported(world, django_capture_on_commit_callbacks):
    users, decision, assigned, _other = world
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_add(
            decision=decision, organization=assigned, user=users["editor"], text="Провели форум."
        )
    mail.outbox.clear()
    return users, report


@pytest.mark.django_db
def test_asking_for_more_writes_to_the_author_with_the_comment(
    reported, django_capture_on_commit_callbacks
):
    users, report = reported
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(
            report=report,
            user=users[str(Role.COUNCIL_SECRETARY)],
            status="needs_more",
            comment="Приложите, пожалуйста, фотографии.",
        )
    assert recipients() == ["editor@example.org"]  # the author; not the other editors
    letter = mail.outbox[0]
    assert "Приложите, пожалуйста, фотографии." in letter.body
    assert f"/admin/conferences/decisions/{report.decision_id}/report/" in letter.body
    report.refresh_from_db()
    assert (report.status, report.secretary_comment) == (
        "needs_more",
        "Приложите, пожалуйста, фотографии.",
    )


@pytest.mark.django_db
def test_asking_for_more_without_an_author_writes_to_the_editors(
    reported, django_capture_on_commit_callbacks
):
    users, report = reported
    report.author = None
    report.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(
            report=report, user=users[str(Role.COUNCIL_SECRETARY)], status="needs_more",
            comment="Уточните даты.",
        )  # fmt: skip
    assert recipients() == ["editor@example.org"]


@pytest.mark.django_db
def test_asking_for_more_needs_a_comment_and_accepting_sends_nothing(
    reported, django_capture_on_commit_callbacks
):
    users, report = reported
    secretary = users[str(Role.COUNCIL_SECRETARY)]
    with pytest.raises(ValidationError):
        services.progress_report_review(
            report=report, user=secretary, status="needs_more", comment="  "
        )
    with pytest.raises(PermissionDenied):
        services.progress_report_review(report=report, user=users["editor"], status="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(report=report, user=secretary, status="accepted")
    assert mail.outbox == []
    assert list(report.events.values_list("kind", flat=True)) == ["submitted", "accepted"]


@pytest.mark.django_db
def test_the_answer_and_the_events_in_order(reported, django_capture_on_commit_callbacks):
    users, report = reported
    secretary = users[str(Role.COUNCIL_SECRETARY)]
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(
            report=report, user=secretary, status="needs_more", comment="Сколько участников?"
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        followup.progress_report_answer(report=report, user=users["editor"], text="Сто двадцать.")
    assert recipients() == ["council_secretary@example.org"]  # the secretaries learn it
    assert "Сто двадцать." in mail.outbox[0].body and "/review/" in mail.outbox[0].body
    report.refresh_from_db()
    assert (report.status, report.text) == ("submitted", "Провели форум.")
    assert list(queries.report_history(report.decision, accepted_only=True)) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(report=report, user=secretary, status="accepted")
    history = list(queries.report_history(report.decision))
    assert [(e.kind, e.text, e.author) for e in history] == [
        ("submitted", "", users["editor"]),
        ("asked_more", "Сколько участников?", secretary),
        ("answered", "Сто двадцать.", users["editor"]),
        ("accepted", "", secretary),
    ]
    assert len(queries.report_history(report.decision, accepted_only=True)) == 4


@pytest.mark.django_db
def test_who_may_answer(reported):
    users, report = reported
    report.status = "needs_more"
    report.save()
    for name in (
        "editor of another",
        str(Role.COUNCIL_SECRETARY),
        str(Role.ADMINISTRATOR),
        "english editor",  # an editor of another assigned organization, not the reporting one
        VISITOR,
        MEMBER,
    ):
        with pytest.raises(PermissionDenied):
            followup.progress_report_answer(report=report, user=users[name], text="Ответ.")
    assert list(report.events.values_list("kind", flat=True)) == ["submitted"]


@pytest.mark.django_db
def test_no_answer_unless_more_was_asked(reported):
    users, report = reported
    with pytest.raises(ValidationError):
        followup.progress_report_answer(report=report, user=users["editor"], text="Ответ.")
    report.status = "needs_more"
    report.save()
    with pytest.raises(ValidationError):
        followup.progress_report_answer(report=report, user=users["editor"], text="   ")
    assert ReportEvent.objects.filter(kind="answered").count() == 0


def test_the_periodic_tasks_are_registered():
    from wagtail import hooks

    registered = {task for fn in hooks.get_hooks("periodic_tasks") for task in fn()}
    assert {tasks.send_decision_reminders, tasks.send_monthly_digest} <= registered


@pytest.mark.django_db
def test_a_decision_long_overdue_is_the_secretarys_not_a_letter(
    world, django_capture_on_commit_callbacks
):
    """The first run on an old resolution writes to nobody about decisions overdue for years:
    the organizations hear of it in its first month (30 days), then the digest lists it."""
    send = followup.reminders_send
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 7, 30)) == 1
    DecisionReminder.objects.all().delete()
    mail.outbox.clear()
    assert run(django_capture_on_commit_callbacks, send, today=date(2026, 7, 31)) == 0
    assert run(django_capture_on_commit_callbacks, send, today=date(2029, 1, 1)) == 0
    assert mail.outbox == []
