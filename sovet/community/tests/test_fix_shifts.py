"""Review fixes of shifts: a raised capacity fills places from the waiting list, an edit keeps
those with a place able to come (and tells them of a new time or a cancellation), slots with
participations are protected, reminders are one task per letter, night shifts, unpublished
events never shown, only shifts to come offered on an event's page."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from sovet.core.testing import page_text
from sovet.events.tests.factories import EventFactory

from .. import notifications, services
from ..coordination import queries as coordination_queries
from ..models import (
    Participation,
    ParticipationStatus,
    Shift,
    Slot,
    SlotRole,
)
from .factories import (
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
)
from .test_shifts_services import confirmed_minor

URL = "/ru/volunteers/"


def status_of(participation) -> str:
    participation.refresh_from_db()
    return participation.status


def local(day, hour, minute=0):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


# -- Night shifts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "night"),
    [((6, 0), (22, 0), False), ((21, 0), (23, 0), True), ((5, 0), (7, 0), True),
     ((23, 0), (1, 0), True), ((10, 0), (13, 0), False)],
)  # fmt: skip
def test_a_night_shift_is_one_with_any_part_between_22_and_6(start, end, night):
    day = timezone.localdate() + timedelta(days=3)
    starts = local(day, *start)
    ends = local(day + timedelta(days=1 if end < start else 0), *end)
    assert Shift(starts_at=starts, ends_at=ends).is_night is night


# -- The waiting list -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_raised_capacity_promotes_those_waiting_when_the_shift_is_saved(
    volunteers_page, django_capture_on_commit_callbacks
):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    first, second, third = (
        services.shift_signup(slot=slot, volunteer=make_volunteer(f"v{n}@example.org"))
        for n in range(3)
    )
    assert [status_of(p) for p in (first, second, third)] == ["confirmed", "waiting", "waiting"]
    before = services.shift_snapshot(shift)
    Slot.objects.filter(pk=slot.pk).update(capacity=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.shift_saved(shift=shift, before=before, by=None)
    assert promoted == [second]
    assert [status_of(p) for p in (second, third)] == ["confirmed", "waiting"]
    # The promoted volunteer hears of it, nobody is told of a new time (there is none).
    assert [m.to for m in mail.outbox] == [["v1@example.org"]]


@pytest.mark.django_db
def test_a_newcomer_never_takes_a_place_before_those_waiting(volunteers_page):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    waiting = services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    # The capacity raised without the admin's save (a script, an older edit): still fair.
    Slot.objects.filter(pk=slot.pk).update(capacity=3)
    newcomer = services.shift_signup(slot=slot, volunteer=make_volunteer("c@example.org"))
    assert status_of(waiting) == "confirmed"
    assert newcomer.status == ParticipationStatus.CONFIRMED  # the third place was free


@pytest.mark.django_db
def test_promotion_passes_over_those_who_no_longer_fit_and_they_hold_nobody_back(volunteers_page):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    holder = services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    minor = confirmed_minor("teen@example.org")
    teen = services.shift_signup(slot=slot, volunteer=minor)
    adult = services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    assert [status_of(p) for p in (teen, adult)] == ["waiting", "waiting"]
    # The guardian's consent ends before the shift's day.
    minor.guardian_consents.update(expires_on=timezone.localdate())
    services.participation_cancel(participation=holder)
    assert status_of(teen) == "waiting"  # passed over, still in line
    assert status_of(adult) == "confirmed"
    # A renewed consent: the next free place is theirs.
    minor.guardian_consents.update(expires_on=timezone.localdate() + timedelta(days=365))
    services.participation_cancel(participation=adult)
    assert status_of(teen) == "confirmed"


@pytest.mark.django_db
def test_a_waiting_minor_who_no_longer_fits_does_not_keep_a_newcomer_waiting(volunteers_page):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    minor = confirmed_minor("teen@example.org")
    teen = services.shift_signup(slot=slot, volunteer=minor)
    minor.guardian_consents.update(expires_on=timezone.localdate())
    Slot.objects.filter(pk=slot.pk).update(capacity=2)
    newcomer = services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    assert newcomer.status == ParticipationStatus.CONFIRMED
    assert status_of(teen) == "waiting"


# -- A shift saved ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_time_resets_the_reminder_and_is_written_to_those_with_a_place(
    volunteers_page, django_capture_on_commit_callbacks
):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    services.shift_signup(slot=slot, volunteer=make_volunteer("ru@example.org", language="ru"))
    services.shift_signup(slot=slot, volunteer=make_volunteer("en@example.org", language="en"))
    gone = services.shift_signup(slot=slot, volunteer=make_volunteer("gone@example.org"))
    services.participation_cancel(participation=gone)
    Shift.objects.filter(pk=shift.pk).update(reminded_at=timezone.now())
    before = services.shift_snapshot(Shift.objects.get(pk=shift.pk))
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=shift.starts_at + timedelta(days=1), ends_at=shift.ends_at + timedelta(days=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.shift_saved(shift=shift, before=before, by=None)
    shift.refresh_from_db()
    assert shift.reminded_at is None
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {"ru@example.org", "en@example.org"}  # not the cancelled one
    assert subjects["ru@example.org"].startswith("Время смены изменилось")
    assert subjects["en@example.org"].startswith("The shift's time has changed")
    assert "new time is above" in next(m.body for m in mail.outbox if m.to == ["en@example.org"])


@pytest.mark.django_db
def test_a_cancelled_shift_is_written_to_those_with_a_place_once(
    volunteers_page, django_capture_on_commit_callbacks
):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    before = services.shift_snapshot(shift)
    Shift.objects.filter(pk=shift.pk).update(cancelled=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.shift_saved(shift=shift, before=before, by=None)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(m.subject.startswith("Смена отменена") for m in mail.outbox)
    assert "не приходите" in mail.outbox[0].body
    # Saved again while cancelled: no news.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = Shift.objects.get(pk=shift.pk)
        services.shift_saved(shift=again, before=services.shift_snapshot(again), by=None)
    assert mail.outbox == []


# -- Reminders --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_are_one_task_each_and_a_failure_loses_no_other(volunteers_page, monkeypatch):
    shift = make_shift(days=1, hour=timezone.localtime().hour)
    slot = shift.slots.get()
    for name in ("bad", "good1", "good2"):
        services.shift_signup(slot=slot, volunteer=make_volunteer(f"{name}@example.org"))
    mail.outbox.clear()
    sent = notifications.participation_email

    def flaky(participation, kind):
        if participation.volunteer.user.email == "bad@example.org":
            raise OSError("the mail server is down")
        sent(participation, kind)

    monkeypatch.setattr(notifications, "participation_email", flaky)
    queued = []
    real_send_later = notifications.send_later
    monkeypatch.setattr(
        notifications,
        "send_later",
        lambda kind, pk: (queued.append((kind, pk)), real_send_later(kind, pk)),
    )
    now = shift.starts_at - timedelta(hours=20)
    assert services.send_due_reminders(now=now) == 3
    assert [kind for kind, _pk in queued] == ["reminder"] * 3
    assert sorted(m.to[0] for m in mail.outbox) == ["good1@example.org", "good2@example.org"]
    shift.refresh_from_db()
    assert shift.reminded_at == now


@pytest.mark.django_db
def test_a_reminder_queued_for_a_place_given_up_since_is_not_sent(volunteers_page):
    shift = make_shift(days=1)
    participation = services.shift_signup(slot=shift.slots.get(), volunteer=make_volunteer())
    Participation.objects.filter(pk=participation.pk).update(status=ParticipationStatus.CANCELLED)
    mail.outbox.clear()
    assert notifications.send_participation_email.call(participation.pk, "reminder") is False
    assert mail.outbox == []


# -- Protected slots --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_slot_with_participations_is_protected(volunteers_page):
    shift = make_shift()
    services.shift_signup(slot=shift.slots.get(), volunteer=make_volunteer())
    with pytest.raises(ProtectedError):
        shift.slots.get().delete()
    assert Participation.objects.count() == 1


# -- The admin form ---------------------------------------------------------------------------------


def form_data(shift, **changes):
    starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    slots = list(shift.slots.all())
    data = {
        "project": shift.project_id,
        "starts_at": f"{starts:%Y-%m-%d %H:%M}",
        "ends_at": f"{ends:%Y-%m-%d %H:%M}",
        "address": shift.address or "Бишкек, Дубовый парк",
        "min_age": str(shift.min_age),
        "notes_ru": "Перчатки выдадим",
        "slots-TOTAL_FORMS": str(len(slots)),
        "slots-INITIAL_FORMS": str(len(slots)),
        "slots-MIN_NUM_FORMS": "1",
        "slots-MAX_NUM_FORMS": "1000",
    }
    if shift.event_id:
        data["event"] = shift.event_id
    for n, slot in enumerate(slots):
        data |= {f"slots-{n}-id": slot.pk, f"slots-{n}-role": slot.role,
                 f"slots-{n}-capacity": str(slot.capacity), f"slots-{n}-ORDER": str(n + 1)}  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def youth(db):
    return make_youth_coordinator()


@pytest.mark.django_db
def test_an_edit_that_would_shut_out_a_minor_with_a_place_is_refused(
    client, volunteers_page, youth
):
    shift = make_shift(slots={SlotRole.CLEANUP: 5}, address="Бишкек, Дубовый парк")
    services.shift_signup(slot=shift.slots.get(), volunteer=confirmed_minor(full_name="Юная Мария"))
    client.force_login(youth)
    url = reverse("community_shift:edit", args=[shift.pk])
    day = timezone.localtime(shift.starts_at).date()
    refusals = {
        "18+": {"min_age": "18"},
        "night": {"ends_at": f"{day} 23:00"},
        "over their age": {"min_age": "17"},
    }
    for why, change in refusals.items():
        response = client.post(url, form_data(shift, **change))
        text = page_text(response, "Юная Мария", "не смогут выйти на смену")
        assert "Бишкек, Дубовый парк" in text, why  # nothing typed lost
        shift.refresh_from_db()
        assert (shift.min_age, shift.is_night) == (14, False), why
    # An edit that keeps them able to come is saved.
    response = client.post(url, form_data(shift, min_age="15", notes_ru="Сбор у входа"))
    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.min_age, shift.notes_ru) == (15, "Сбор у входа")


@pytest.mark.django_db
def test_a_volunteer_who_already_did_not_fit_does_not_block_an_edit(client, volunteers_page, youth):
    shift = make_shift(slots={SlotRole.CLEANUP: 5})
    minor = confirmed_minor(full_name="Юная Мария")
    services.shift_signup(slot=shift.slots.get(), volunteer=minor)
    minor.guardian_consents.update(expires_on=timezone.localdate())
    client.force_login(youth)
    response = client.post(
        reverse("community_shift:edit", args=[shift.pk]), form_data(shift, notes_ru="Сбор у входа")
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_cancelling_a_shift_with_minors_is_allowed(
    client, volunteers_page, youth, django_capture_on_commit_callbacks
):
    shift = make_shift(slots={SlotRole.CLEANUP: 5})
    services.shift_signup(slot=shift.slots.get(), volunteer=confirmed_minor())
    client.force_login(youth)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community_shift:edit", args=[shift.pk]),
            form_data(shift, cancelled="on", min_age="18"),
        )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.cancelled
    assert any(m.subject.startswith("Смена отменена") for m in mail.outbox)


@pytest.mark.django_db
def test_raising_a_capacity_in_the_admin_promotes_the_waiting_list(client, volunteers_page, youth):
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    waiting = services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    client.force_login(youth)
    response = client.post(
        reverse("community_shift:edit", args=[shift.pk]),
        form_data(shift, **{"slots-0-capacity": "2"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert status_of(waiting) == "confirmed"


@pytest.mark.django_db
def test_a_slot_with_participations_cannot_be_deleted_inline(client, volunteers_page, youth):
    shift = make_shift(slots={SlotRole.CLEANUP: 5, SlotRole.STEWARD: 2})
    cleanup = shift.slots.get(role=SlotRole.CLEANUP)
    services.shift_signup(slot=cleanup, volunteer=make_volunteer())
    client.force_login(youth)
    url = reverse("community_shift:edit", args=[shift.pk])
    index = [slot.pk for slot in shift.slots.all()].index(cleanup.pk)
    response = client.post(url, form_data(shift, **{f"slots-{index}-DELETE": "1"}))
    page_text(response, "удалить нельзя", "отметьте смену как отменённую")
    assert Slot.objects.filter(pk=cleanup.pk).exists()
    # The empty slot goes.
    response = client.post(url, form_data(shift, **{f"slots-{1 - index}-DELETE": "1"}))
    assert response.status_code == 302
    assert list(shift.slots.values_list("role", flat=True)) == [SlotRole.CLEANUP]


@pytest.mark.django_db
def test_deleting_a_shift_with_participations_is_refused_clearly(client, volunteers_page, youth):
    taken = make_shift()
    services.shift_signup(slot=taken.slots.get(), volunteer=make_volunteer())
    empty = make_shift(days=9)
    client.force_login(youth)
    response = client.post(reverse("community_shift:delete", args=[taken.pk]), follow=True)
    page_text(response, "удалить её нельзя")
    assert Shift.objects.filter(pk=taken.pk).exists() and Participation.objects.count() == 1
    response = client.post(reverse("community_shift:delete", args=[empty.pk]))
    assert response.status_code == 302
    assert not Shift.objects.filter(pk=empty.pk).exists()


@pytest.mark.django_db
def test_the_form_offers_only_events_the_calendar_shows(client, volunteers_page, youth):
    make_project()  # something to add a shift to
    EventFactory(title_ru="Открытый вечер")
    EventFactory(title_ru="Черновик", published=False)
    EventFactory(title_ru="Ждёт одобрения", approved=False)
    client.force_login(youth)
    text = page_text(client.get(reverse("community_shift:add")), "Открытый вечер")
    assert "Черновик" not in text and "Ждёт одобрения" not in text


# -- Public pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unpublished_event_is_never_named_on_the_public_pages(client, volunteers_page):
    hidden = EventFactory(title_ru="Секретный вечер", published=False)
    shown = EventFactory(title_ru="Вечер памяти в парке")
    make_shift(make_project(title_ru="Скрытое событие"), event=hidden, address="ул. Токтогула, 5")
    make_shift(make_project(title_ru="Открытое событие"), event=shown)
    text = page_text(client.get(URL), "Скрытое событие", "ул. Токтогула, 5", "Вечер памяти в парке")
    assert "Секретный вечер" not in text
    shift = Shift.objects.get(event=hidden)
    text = page_text(client.get(f"{URL}shifts/{shift.pk}/"), "Скрытое событие", "ул. Токтогула, 5")
    assert "Секретный вечер" not in text


@pytest.mark.django_db
def test_an_events_page_offers_only_shifts_to_come(volunteers_page):
    event = EventFactory()
    make_shift(make_project(title_ru="Прошла"), event=event, days=-1)
    soon = make_shift(make_project(title_ru="Впереди"), event=event, days=2)
    rows = coordination_queries.event_shifts(event)
    assert [shift.pk for shift in rows] == [soon.pk]
    assert rows[0].places_left == 10


@pytest.mark.django_db
def test_an_editor_may_also_choose_their_own_published_event_awaiting_approval(
    client, volunteers_page
):
    from sovet.organizations.tests.factories import OrganizationFactory

    from .factories import make_coordinator

    own = OrganizationFactory(name_ru="Организация А")
    editor = make_coordinator("editor@example.org", own)
    make_project(own)
    EventFactory(title_ru="Наш вечер на одобрении", approved=False, organizations=[own])
    EventFactory(title_ru="Чужой вечер на одобрении", approved=False)
    EventFactory(title_ru="Наш черновик", published=False, organizations=[own])
    client.force_login(editor)
    text = page_text(client.get(reverse("community_shift:add")), "Наш вечер на одобрении")
    assert "Чужой вечер на одобрении" not in text and "Наш черновик" not in text
