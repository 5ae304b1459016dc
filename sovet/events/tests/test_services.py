"""What happens around a registration after it is made: the organizers edit or cancel the event,
the day before comes, the event ends and the personal data must go."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar

from sovet.events import services
from sovet.events.models import EventSettings, Registration
from sovet.events.tests.factories import EventFactory
from sovet.events.tests.test_registration import register


def edit(event, **changes):
    """Edit an event the way the admin form does: snapshot, change, check, save, event_saved."""
    before = services.snapshot(event)
    for name, value in changes.items():
        setattr(event, name, value)
    services.check_event(event, before)
    event.save()
    services.event_saved(event, before)


@pytest.mark.django_db
def test_a_new_date_is_told_to_everyone_registered_with_the_new_ics(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    register(event, "a@example.org")
    register(event, "b@example.org")  # on the waiting list: also told
    cancelled = register(event, "c@example.org")
    services.registration_cancel(token=cancelled.token)
    mail.outbox.clear()
    new_start = event.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        edit(event, starts_at=new_start, ends_at=new_start + timedelta(hours=2), venue="Дом дружбы")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert "изменено" in message.subject.lower() or "изменил" in message.body.lower()
    assert "начало" in message.body and "место" in message.body
    attachment = next(a for a in message.attachments if a[0].endswith(".ics"))
    entry = Calendar.from_ical(attachment[1]).walk("VEVENT")[0]
    assert entry.decoded("dtstart") == new_start.replace(microsecond=0)
    assert str(entry.decoded("dtstart").tzinfo) == "Asia/Bishkek"


@pytest.mark.django_db
def test_an_edit_that_changes_nothing_registrants_care_about_sends_nothing(
    django_capture_on_commit_callbacks,
):
    event = EventFactory()
    register(event, "a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(event, description_ru="Новое описание", title_en="Evening of memory")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_cancellation_is_told_with_its_reason_once(django_capture_on_commit_callbacks):
    event = EventFactory()
    register(event, "a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(event, status="cancelled", status_note="Зал закрыт на ремонт")
        edit(event, venue="Другой зал")  # a cancelled event's later edits are not news
    assert len(mail.outbox) == 1
    assert "Зал закрыт на ремонт" in mail.outbox[0].body
    assert not mail.outbox[0].attachments


@pytest.mark.django_db
def test_e_mails_speak_the_language_the_person_registered_in(django_capture_on_commit_callbacks):
    event = EventFactory(title_en="Evening of memory")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "a@example.org")
    assert registration.language == "en"
    assert mail.outbox[-1].subject == "You are registered: Evening of memory"
    assert "/en/registrations/" in mail.outbox[-1].body
    mail.outbox.clear()
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        edit(event, venue="Hall 2")
    assert mail.outbox[0].subject.startswith("The event has changed")


@pytest.mark.django_db
def test_more_seats_promote_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    register(event, "a@example.org")
    waiting = register(event, "b@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(event, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]


@pytest.mark.django_db
def test_capacity_below_the_seats_taken_is_refused():
    event = EventFactory(capacity=5)
    register(event, "a@example.org", seats=3)
    before = services.snapshot(event)
    event.capacity = 2
    with pytest.raises(ValidationError) as error:
        services.check_event(event, before)
    assert error.value.error_dict["capacity"][0].code == "below_taken"


@pytest.mark.django_db
def test_a_past_event_cannot_be_opened_for_registration():
    past = timezone.now() - timedelta(days=1)
    event = EventFactory(registration="off", starts_at=past, ends_at=past + timedelta(hours=1))
    before = services.snapshot(event)
    event.registration = "open"
    with pytest.raises(ValidationError) as error:
        services.check_event(event, before)
    assert error.value.error_dict["registration"][0].code == "past_event"
    # A past event that already had registration can still get its report filled in.
    event.registration = "open"
    services.check_event(event, services.snapshot(event))


@pytest.mark.django_db
def test_an_end_before_the_start_is_explained():
    event = EventFactory()
    event.ends_at = event.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.error_dict["ends_at"][0].code == "ends_before_start"


@pytest.mark.django_db
def test_invitation_only_registration_needs_the_code():
    event = EventFactory(registration="invitation")
    with pytest.raises(ValidationError) as error:
        register(event, "a@example.org")
    assert error.value.code == "invitation_only"
    registration = services.registration_create(
        event=event,
        name="Анна",
        email="a@example.org",
        consent=True,
        invitation_code=event.invitation_code,
    )
    assert registration.status == "confirmed"


@pytest.mark.django_db
def test_reminders_go_once_the_day_before_to_confirmed_people_only(
    django_capture_on_commit_callbacks,
):
    tomorrow = EventFactory(
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=22),
        capacity=1,
    )
    next_week = EventFactory()
    cancelled = EventFactory(
        starts_at=timezone.now() + timedelta(hours=5), ends_at=timezone.now() + timedelta(hours=6)
    )
    register(tomorrow, "a@example.org")
    register(tomorrow, "waiting@example.org")
    register(next_week, "b@example.org")
    register(cancelled, "c@example.org")
    cancelled.status = "cancelled"
    cancelled.save()
    mail.outbox.clear()
    # Who registered in the last hours has just had the confirmation: no reminder yet.
    assert services.send_due_reminders() == 0
    Registration.objects.update(created_at=timezone.now() - timedelta(days=3))
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders() == 0
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject.startswith("Напоминание")
    assert "/ru/registrations/" in mail.outbox[0].body


@pytest.mark.django_db
def test_personal_data_are_erased_after_the_configured_days_but_the_figures_stay():
    settings = EventSettings.load()
    settings.erase_registrations_after_days = 10
    settings.save()
    long_ago = timezone.now() - timedelta(days=11)
    old = EventFactory()
    registration = register(old, "a@example.org", seats=2)
    services.check_in(registration)
    recent = EventFactory()
    register(recent, "b@example.org")
    old.starts_at, old.ends_at = long_ago - timedelta(hours=2), long_ago
    old.save()
    recent_end = timezone.now() - timedelta(days=9)
    recent.starts_at, recent.ends_at = recent_end - timedelta(hours=2), recent_end
    recent.save()

    assert services.erase_expired_registrations() == 1
    assert services.erase_expired_registrations() == 0
    registration.refresh_from_db()
    assert (registration.name, registration.phone) == ("—", "")
    assert "a@example.org" not in registration.email and registration.erased_at
    assert (registration.seats, registration.status) == (2, "confirmed")
    assert services.attendance(old) == 2
    assert Registration.objects.get(event=recent).email == "b@example.org"


@pytest.mark.django_db
def test_the_periodic_command_runs_reminders_and_erasure(django_capture_on_commit_callbacks):
    event = EventFactory(
        starts_at=timezone.now() + timedelta(hours=3), ends_at=timezone.now() + timedelta(hours=4)
    )
    register(event, "a@example.org")
    Registration.objects.update(created_at=timezone.now() - timedelta(days=3))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("run_periodic_tasks", stdout=out)
    assert "send_reminders" in out.getvalue() and "erase_registrations" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


@pytest.mark.django_db
def test_attendance_is_the_count_given_or_the_seats_checked_in():
    event = EventFactory()
    first = register(event, "a@example.org", seats=2)
    register(event, "b@example.org")
    services.check_in(first)
    assert services.attendance(event) == 2
    services.check_in(first, arrived=False)
    assert services.attendance(event) == 0
    event.attendance = 40
    assert services.attendance(event) == 40


@pytest.mark.django_db
def test_period_figures_count_events_registrations_and_attendance():
    event = EventFactory(attendance=30, press_links="https://example.org/news")
    register(event, "a@example.org", seats=2)
    EventFactory(status="cancelled", status_note="—")
    day = timezone.localdate(event.starts_at)
    figures = dict((str(label), value) for label, value in services.period_figures(day, day))
    assert list(figures.values()) == [1, 2, 30, 1]


@pytest.mark.django_db
def test_approval_is_needed_only_when_the_setting_is_on_and_only_for_editors():
    from sovet.core.testing import make_staff

    editor = make_staff("editor@example.org", "Organization editors")
    secretary = make_staff("secretary@example.org", "Council secretaries")
    assert not services.needs_approval(editor)
    settings = EventSettings.load()
    settings.require_approval = True
    settings.save()
    assert services.needs_approval(editor)
    assert not services.needs_approval(secretary)


@pytest.mark.django_db
def test_a_postponement_is_news_but_seconds_and_stray_spaces_are_not(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(venue="Дом дружбы")
    register(event, "a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # The admin form saves times to the minute and strips text: not a change for people.
        edit(event, starts_at=event.starts_at.replace(second=0, microsecond=0), venue="Дом дружбы ")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        edit(event, status="postponed", status_note="Новая дата будет объявлена")
    assert len(mail.outbox) == 1
    assert (
        "перенесено" in mail.outbox[0].body and "Новая дата будет объявлена" in mail.outbox[0].body
    )


@pytest.mark.django_db
def test_a_new_date_gets_a_new_reminder():
    event = EventFactory(
        starts_at=timezone.now() + timedelta(hours=5), ends_at=timezone.now() + timedelta(hours=6)
    )
    register(event, "a@example.org")
    Registration.objects.update(created_at=timezone.now() - timedelta(days=3))
    assert services.send_due_reminders() == 1
    new_start = timezone.now() + timedelta(days=3)
    edit(event, starts_at=new_start, ends_at=new_start + timedelta(hours=1))
    assert services.send_due_reminders(now=new_start - timedelta(hours=10)) == 1
