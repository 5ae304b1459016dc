"""Volunteers' and shifts' services: signing up (adults, minors and their guardians), who may take
a shift, the waiting list, cancellations and reminders."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import timezone, translation

from sovet.core.models import Region
from sovet.core.testing import make_user

from .. import services
from ..models import (
    CommunitySettings,
    ConsentMethod,
    GuardianConsent,
    Participation,
    ParticipationStatus,
    Skill,
    SlotRole,
)
from .factories import make_shift, make_volunteer, years_ago

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def register(email="anna@example.org", *, age=25, guardian=None, consent=True, **fields):
    data = {
        "full_name": "Петрова Анна Сергеевна",
        "birth_date": years_ago(age, days=10),
        "region": Region.objects.get(code="bishkek"),
        "city": "Бишкек",
        "phone": "0555 123 456",
        "languages": ["ru", "ky"],
        "skills": ["first_aid", "nonsense"],
        "availability": ["weekends"],
        "organization": None,
        "consent": consent,
    }
    data.update(fields)
    return services.volunteer_register(user=make_user(email), guardian=guardian, **data)


def confirmed_minor(email="teen@example.org", age=16, **fields):
    volunteer = make_volunteer(email, age=age, **fields)
    GuardianConsent.objects.create(
        volunteer=volunteer,
        guardian_name="Петрова Мария",
        guardian_email="mother@example.org",
        method=ConsentMethod.LINK,
        confirmed_at=timezone.now(),
        expires_on=timezone.localdate() + timedelta(days=365),
    )
    return volunteer


def codes(error):
    return [e.code for e in error.value.error_list]


@pytest.mark.django_db
def test_an_adult_signs_up_in_the_active_language(django_capture_on_commit_callbacks):
    with translation.override("ky"), django_capture_on_commit_callbacks(execute=True):
        volunteer = register()
    assert volunteer.language == "ky" and volunteer.consent_at is not None
    assert volunteer.phone == "+996555123456"
    assert volunteer.skills == ["first_aid"]  # an unknown skill is dropped
    assert not volunteer.guardian_consents.exists() and not mail.outbox


@pytest.mark.django_db
def test_signing_up_needs_consent_and_a_sane_birth_date():
    with pytest.raises(ValidationError) as refused:
        register(consent=False)
    assert codes(refused) == ["consent"]
    with translation.override("ru"), pytest.raises(ValidationError) as young:
        register("young@example.org", age=13)
    assert codes(young) == ["too_young"] and "14" in young.value.messages[0]
    with pytest.raises(ValidationError) as old:
        register("old@example.org", age=101)
    assert codes(old) == ["too_old"]


@pytest.mark.django_db
def test_a_minor_with_a_guardians_email_gets_a_link(
    django_capture_on_commit_callbacks, volunteers_page
):
    with pytest.raises(ValidationError) as no_guardian:
        register("alone@example.org", age=16)
    assert codes(no_guardian) == ["guardian_required"]
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        volunteer = register(
            age=16, guardian={"name": "Петрова Мария", "email": "Mother@Example.org"}
        )
    consent = volunteer.guardian_consents.get()
    assert consent.method == ConsentMethod.LINK and consent.confirmed_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mother@example.org"]
    assert f"/ru/volunteers/guardian/{consent.token}/" in mail.outbox[0].body
    assert "Анна" in mail.outbox[0].body and "Петрова Анна" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_minor_without_a_guardians_email_uploads_the_signed_form(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = register(age=15, guardian={"name": "Петров Иван", "phone": "0555 000 111"})
    consent = volunteer.guardian_consents.get()
    assert consent.method == ConsentMethod.FORM and not mail.outbox
    assert consent.guardian_phone == "+996555000111"
    with pytest.raises(ValidationError):
        services.consent_form_upload(
            volunteer=volunteer, file=SimpleUploadedFile("form.exe", b"MZ\x90\x00binary")
        )
    uploaded = services.consent_form_upload(
        volunteer=volunteer, file=SimpleUploadedFile("form.pdf", PDF)
    )
    assert uploaded.pk == consent.pk and uploaded.form and uploaded.confirmed_at is None


@pytest.mark.django_db
def test_the_guardian_confirms_once_for_the_configured_months():
    settings = CommunitySettings.load()
    settings.consent_months = 6
    settings.save()
    volunteer = register(age=16, guardian={"name": "Петрова Мария", "email": "m@example.org"})
    consent = volunteer.guardian_consents.get()
    confirmed = services.guardian_confirm(token=consent.token)
    assert confirmed.confirmed_at is not None
    assert 180 <= (confirmed.expires_on - timezone.localdate()).days <= 185
    again = services.guardian_confirm(token=consent.token)
    assert again.confirmed_at == confirmed.confirmed_at


@pytest.mark.django_db
def test_eligibility_refusals_say_why():
    adult = make_volunteer("adult@example.org", age=30)
    teen = confirmed_minor()
    unconsented = make_volunteer("alone@example.org", age=16)
    adults_only = make_shift(min_age=18)
    night = make_shift(hour=21, length=3)
    day = make_shift()
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(teen, adults_only)
        assert codes(refused) == ["adults_only"] and "18" in refused.value.messages[0]
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(teen, night)
        assert codes(refused) == ["adults_only"] and "night" in refused.value.messages[0]
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(unconsented, day)
        assert codes(refused) == ["no_consent"]
        services.check_eligible(teen, day)
        services.check_eligible(adult, night)
        older = make_shift(min_age=16)
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(make_volunteer("y@example.org", age=15), older)
        assert codes(refused) == ["too_young"]
        skilled = make_shift(required_skills=[Skill.FIRST_AID, Skill.DRIVING])
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(adult, skilled)
        assert codes(refused) == ["skills"] and "First aid" in refused.value.messages[0]
        adult.skills = [Skill.FIRST_AID, Skill.DRIVING]
        services.check_eligible(adult, skilled)
        past = make_shift(days=-1)
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(adult, past)
        assert codes(refused) == ["past"]
        cancelled = make_shift(cancelled=True)
        with pytest.raises(ValidationError) as refused:
            services.check_eligible(adult, cancelled)
        assert codes(refused) == ["cancelled"]


@pytest.mark.django_db
def test_an_expired_consent_or_one_ending_before_the_shift_refuses():
    teen = confirmed_minor()
    consent = teen.guardian_consents.get()
    consent.expires_on = timezone.localdate() + timedelta(days=3)
    consent.save()
    with pytest.raises(ValidationError) as refused:
        services.check_eligible(teen, make_shift(days=7))
    assert codes(refused) == ["no_consent"]
    services.check_eligible(teen, make_shift(days=2))


@pytest.mark.django_db
def test_waiting_list_and_promotion_on_cancel(django_capture_on_commit_callbacks, volunteers_page):
    shift = make_shift(slots={SlotRole.CLEANUP: 2})
    slot = shift.slots.get()
    people = [make_volunteer(f"v{n}@example.org") for n in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        places = [services.shift_signup(slot=slot, volunteer=v) for v in people]
    assert [p.status for p in places] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert len(mail.outbox) == 4
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.participation_cancel(participation=places[0], by=people[0].user)
    for place in places:
        place.refresh_from_db()
    assert [p.status for p in places] == ["cancelled", "confirmed", "confirmed", "waiting"]
    assert sorted(m.to[0] for m in mail.outbox) == ["v0@example.org", "v2@example.org"]
    # Cancelling again changes nothing; the freed place went to the first in line only.
    services.participation_cancel(participation=places[0], by=people[0].user)
    assert Participation.objects.filter(status="confirmed").count() == 2


@pytest.mark.django_db
def test_signing_up_twice_returns_the_place_and_a_second_role_is_refused():
    shift = make_shift(slots={SlotRole.CLEANUP: 5, SlotRole.STEWARD: 5})
    cleanup, steward = shift.slots.order_by("pk")
    volunteer = make_volunteer()
    first = services.shift_signup(slot=cleanup, volunteer=volunteer)
    again = services.shift_signup(slot=cleanup, volunteer=volunteer)
    assert again.pk == first.pk and again.just_created is False
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.shift_signup(slot=steward, volunteer=volunteer)
    assert codes(refused) == ["one_role"] and "Clean-up" in refused.value.messages[0]
    services.participation_cancel(participation=first, by=volunteer.user)
    assert services.shift_signup(slot=steward, volunteer=volunteer).status == "confirmed"


@pytest.mark.django_db
def test_no_promotion_after_the_shift_started():
    shift = make_shift(slots={SlotRole.CLEANUP: 1})
    slot = shift.slots.get()
    first = services.shift_signup(slot=slot, volunteer=make_volunteer("a@example.org"))
    waiting = services.shift_signup(slot=slot, volunteer=make_volunteer("b@example.org"))
    shift.starts_at = timezone.now() - timedelta(minutes=5)
    shift.save()
    with pytest.raises(ValidationError):
        services.participation_cancel(participation=first, by=None)
    waiting.refresh_from_db()
    assert waiting.status == ParticipationStatus.WAITING


@pytest.mark.django_db
def test_reminders_go_once_in_each_volunteers_language(volunteers_page):
    tomorrow = make_shift(days=1, hour=timezone.localtime().hour)
    later = make_shift(days=5)
    ru = make_volunteer("ru@example.org", language="ru")
    en = make_volunteer("en@example.org", language="en")
    waiting_one = make_volunteer("w@example.org")
    slot = tomorrow.slots.get()
    slot.capacity = 2
    slot.save()
    for volunteer in (ru, en, waiting_one):
        services.shift_signup(slot=slot, volunteer=volunteer)
    services.shift_signup(slot=later.slots.get(), volunteer=ru)
    mail.outbox.clear()
    now = tomorrow.starts_at - timedelta(hours=20)
    assert services.send_due_reminders(now=now) == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {"ru@example.org", "en@example.org"}
    assert subjects["en@example.org"].startswith("Reminder")
    assert subjects["ru@example.org"].startswith("Напоминание")
    assert services.send_due_reminders(now=now + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2
    tomorrow.refresh_from_db()
    later.refresh_from_db()
    assert tomorrow.reminded_at == now and later.reminded_at is None


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_100_simultaneous_signups_fill_exactly_20_places():
    shift = make_shift(slots={SlotRole.STEWARD: 20})
    slot = shift.slots.get()
    volunteers = [make_volunteer(f"p{n}@example.org") for n in range(100)]

    def one(volunteer):
        try:
            services.shift_signup(slot=slot, volunteer=volunteer)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(one, volunteers))
    statuses = list(Participation.objects.filter(slot=slot).values_list("status", flat=True))
    assert len(statuses) == 100
    assert statuses.count("confirmed") == 20 and statuses.count("waiting") == 80


@pytest.mark.django_db
def test_a_volunteer_edits_their_profile():
    volunteer = make_volunteer()
    services.volunteer_update(
        volunteer=volunteer, full_name="  Петрова   Анна ", skills=["driving", "x"], phone=""
    )
    volunteer.refresh_from_db()
    assert volunteer.full_name == "Петрова Анна" and volunteer.skills == ["driving"]
    with pytest.raises(TypeError):
        services.volunteer_update(volunteer=volunteer, birth_date=years_ago(10))


@pytest.mark.django_db
def test_reminders_are_a_periodic_task():
    from wagtail import hooks

    from ..tasks import send_shift_reminders

    tasks = [task for fn in hooks.get_hooks("periodic_tasks") for task in fn()]
    assert send_shift_reminders in tasks
