"""Review fixes on the people's side: a guardian's consent withdrawn by a coordinator, a minor who
names themselves as guardian, an expired signed form on the volunteer's page, a double submit
of the join form, revoked certificates on the holder's page, one meaning of "shifts held", the
hours by organization, and the rate limits of me/hours/ and me/consent/."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from sovet.core.public import RateLimit
from sovet.core.testing import make_user, page_text
from sovet.organizations.models import OrganizationType
from sovet.organizations.tests.factories import OrganizationFactory

from .. import services, views
from ..certificates import services as certificate_services
from ..coordination import queries as coordination_queries
from ..coordination import services as coordination_services
from ..coordination import views as coordination_views
from ..models import (
    Attendance,
    CertificateKind,
    CommunitySettings,
    ConsentMethod,
    GuardianConsent,
    HoursEntry,
    Participation,
    ParticipationStatus,
    Volunteer,
)
from ..queries import shifts_at_place
from .factories import (
    make_coordinator,
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
    years_ago,
)
from .test_shifts_pages import URL, join_data
from .test_shifts_services import PDF, confirmed_minor, register

pytestmark = pytest.mark.django_db


def _consent(volunteer) -> GuardianConsent:
    return volunteer.guardian_consents.get()


# 1. A coordinator withdraws a guardian's consent


def test_a_withdrawn_consent_stops_and_cancels_the_minors_places(
    volunteers_page, django_capture_on_commit_callbacks
):
    minor = confirmed_minor()
    youth = make_youth_coordinator()
    ahead = make_shift(days=5)
    participation = services.shift_signup(slot=ahead.slots.get(), volunteer=minor)
    with pytest.raises(ValidationError) as error:
        coordination_services.consent_withdraw(consent=_consent(minor), reason=" ", by=youth)
    assert "reason" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        consent = coordination_services.consent_withdraw(
            consent=_consent(minor), reason="Мама отозвала по телефону", by=youth
        )
    consent.refresh_from_db()
    assert GuardianConsent.objects.filter(pk=consent.pk).exists()  # the row stays
    assert not consent.valid_on(timezone.localdate())
    assert consent.refused_reason == "Мама отозвала по телефону"
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.CANCELLED
    subjects = [message.subject for message in mail.outbox]
    assert "Согласие вашего законного представителя отозвано" in subjects
    letter = next(m for m in mail.outbox if m.subject.startswith("Согласие"))
    assert letter.to == [minor.user.email] and "Мама отозвала по телефону" in letter.body
    # Nothing left to withdraw; the minor can no longer take a shift.
    with pytest.raises(ValidationError):
        coordination_services.consent_withdraw(consent=consent, reason="ещё раз", by=youth)
    with pytest.raises(ValidationError):
        services.shift_signup(slot=make_shift(days=6).slots.get(), volunteer=minor)


def test_the_volunteers_and_the_guardians_pages_say_withdrawn(client, volunteers_page):
    minor = confirmed_minor()
    consent = coordination_services.consent_withdraw(
        consent=_consent(minor), reason="Решение семьи", by=make_youth_coordinator()
    )
    client.force_login(minor.user)
    text = page_text(client.get(f"{URL}me/"), "Согласие родителя или опекуна отозвано")
    assert "Решение семьи" in text and f"{URL}me/consent/" in text
    client.logout()
    page_text(client.get(f"{URL}guardian/{consent.token}/"), "Это согласие отозвано")
    # The old link confirms nothing again.
    client.post(f"{URL}guardian/{consent.token}/")
    consent.refresh_from_db()
    assert not consent.valid_on(timezone.localdate())


def test_the_confirmed_consents_screen_withdraws_with_a_reason(client, volunteers_page):
    minor = confirmed_minor(full_name="Юная Мария")
    consent = _consent(minor)
    waiting = GuardianConsent.objects.create(
        volunteer=make_volunteer("other.teen@example.org", age=15), guardian_name="Другой",
        guardian_phone="+996555111222", method=ConsentMethod.FORM,
    )  # fmt: skip
    youth = make_youth_coordinator()
    client.force_login(youth)
    listing = reverse("community_consents_confirmed")
    text = page_text(client.get(listing), "Юная Мария", "Петрова Мария", "mother@example.org")
    assert "Другой" not in text
    page_text(client.get(reverse("community_consents")), listing)
    url = reverse("community_consent_withdraw", args=[consent.pk])
    assert client.get(url).status_code == 405
    client.post(url, {f"w{consent.pk}-reason": ""})
    consent.refresh_from_db()
    assert consent.valid_on(timezone.localdate())  # no reason, nothing withdrawn
    response = client.post(url, {f"w{consent.pk}-reason": "Опекун попросил"})
    assert response.status_code == 302 and response["Location"] == listing
    consent.refresh_from_db()
    assert not consent.valid_on(timezone.localdate())
    # Out of reach (not in force, or not confirmed at all): 404.
    assert _not_found(client, url, {f"w{consent.pk}-reason": "ещё"})
    waiting_url = reverse("community_consent_withdraw", args=[waiting.pk])
    assert _not_found(client, waiting_url, {f"w{waiting.pk}-reason": "x"})


def _not_found(client, url, data) -> bool:
    """A 404 (the locale middleware first sends an address the admin does not know to /ru/…)."""
    response = client.post(url, data)
    if response.status_code == 302 and response["Location"] == f"/ru{url}":
        response = client.get(response["Location"])
    return response.status_code == 404


def test_an_editor_neither_sees_nor_withdraws_consents(client, volunteers_page):
    consent = _consent(confirmed_minor())
    client.force_login(make_coordinator())
    assert client.get(reverse("community_consents_confirmed")).status_code == 403
    url = reverse("community_consent_withdraw", args=[consent.pk])
    assert client.post(url, {f"w{consent.pk}-reason": "x"}).status_code == 403
    consent.refresh_from_db()
    assert consent.valid_on(timezone.localdate())


# 2. A minor is not their own guardian


def test_a_minor_cannot_name_their_own_email_or_phone_as_the_guardians(volunteers_page):
    with pytest.raises(ValidationError) as error:
        register("teen@example.org", age=16,
                 guardian={"name": "Я сам", "email": "TEEN@Example.org"})  # fmt: skip
    assert "guardian_email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register("teen2@example.org", age=16, phone="0555 123 456",
                 guardian={"name": "Я сам", "phone": "+996 555 123 456"})  # fmt: skip
    assert "guardian_phone" in error.value.message_dict
    assert not Volunteer.objects.exists()
    volunteer = register(
        "teen3@example.org", age=16, guardian={"name": "Мама", "email": "mother@example.org"}
    )
    assert _consent(volunteer).guardian_email == "mother@example.org"


def test_the_join_form_refuses_the_minors_own_contacts_as_the_guardians(client, volunteers_page):
    client.force_login(make_user("teen@example.org"))
    data = join_data(
        birth_date=(timezone.localdate().replace(year=timezone.localdate().year - 16)
                    - timedelta(days=10)).isoformat(),
        phone="0555 123 456", guardian_name="Я сам", guardian_email="Teen@Example.org",
        guardian_phone="+996555123456",
    )  # fmt: skip
    response = client.post(f"{URL}join/", data)
    page_text(response, "Это ваш собственный e-mail", "Это ваш собственный телефон", status=400)
    assert not Volunteer.objects.exists()


# 3. An expired signed form offers a new upload


def test_an_expired_signed_form_offers_a_new_upload(client, volunteers_page):
    minor = make_volunteer("teen@example.org", age=16)
    GuardianConsent.objects.create(
        volunteer=minor, guardian_name="Мама", guardian_phone="+996555111222",
        method=ConsentMethod.FORM, form=SimpleUploadedFile("form.pdf", PDF, "application/pdf"),
        confirmed_at=timezone.now() - timedelta(days=400),
        expires_on=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    client.force_login(minor.user)
    text = page_text(client.get(f"{URL}me/"), "Срок согласия родителя или опекуна истёк",
                     "Загрузить подписанное согласие", f"{URL}me/consent/")  # fmt: skip
    assert "ждёт проверки координатора" not in text
    # A new upload makes a new consent waiting for a check.
    upload = SimpleUploadedFile("new.pdf", PDF, "application/pdf")
    assert client.post(f"{URL}me/consent/", {"form": upload}).status_code == 302
    page_text(client.get(f"{URL}me/"), "ждёт проверки координатора")


# 4. A double submit of the join form


def test_registering_twice_is_the_translated_already_a_volunteer(volunteers_page, monkeypatch):
    user = make_user("twice@example.org")
    register_data = join_data()
    from sovet.core.models import Region

    register_data.update(region=Region.objects.get(code="bishkek"), consent=True,
                         organization=None, birth_date=years_ago(30))  # fmt: skip
    services.volunteer_register(user=user, **register_data)
    # The second submit arrives before the first is seen (the early check passes).
    monkeypatch.setattr(services, "_already_volunteer", lambda user: False)
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        services.volunteer_register(user=user, **register_data)
    assert error.value.code == "exists"
    assert "уже" in error.value.messages[0]
    assert Volunteer.objects.filter(user=user).count() == 1


# 5. Revoked certificates stay on the holder's page


def test_a_revoked_certificate_shows_as_revoked_on_the_holders_page(client, volunteers_page):
    project = make_project(title_ru="Субботники у мест памяти")
    volunteer = make_volunteer()
    Participation.objects.create(
        slot=make_shift(project, days=-10).slots.get(), volunteer=volunteer,
        status=ParticipationStatus.CONFIRMED, attendance=Attendance.CAME, hours=Decimal("3"),
    )  # fmt: skip
    settings = CommunitySettings.load()
    settings.signer_name, settings.signer_title = "Иванов Иван Иванович", "Председатель"
    settings.save()
    youth = make_youth_coordinator()
    kept = certificate_services.certificate_issue(
        volunteer=volunteer, kind=CertificateKind.PROJECT, project=project, language="ru", by=youth
    )
    revoked = certificate_services.certificate_issue(
        volunteer=volunteer, kind=CertificateKind.PROJECT, project=project, language="ru", by=youth
    )
    certificate_services.certificate_revoke(certificate=revoked, reason="Ошибка", by=youth)
    client.force_login(volunteer.user)
    text = page_text(client.get(f"{URL}me/"), kept.code, revoked.code, "отозвана")
    assert text.count("отозвана") == 1
    assert f"{kept.code}/pdf/" in text and f"{revoked.code}/pdf/" not in text


# 6. Shifts held, one meaning; hours by organization


def test_held_means_ended_not_cancelled_and_someone_came_everywhere(db):
    from sovet.places.tests.factories import make_place

    place = make_place("Обелиск землякам", status="published")
    project = make_project()
    volunteer = make_volunteer()

    def came(shift):
        Participation.objects.create(
            slot=shift.slots.get(), volunteer=volunteer, status=ParticipationStatus.CONFIRMED,
            attendance=Attendance.CAME, hours=shift.hours,
        )  # fmt: skip

    held = make_shift(project, days=-3, memorial_place=place)
    came(held)
    make_shift(project, days=-4, memorial_place=place)  # nobody came
    cancelled = make_shift(project, days=-5, memorial_place=place, cancelled=True)
    came(cancelled)
    today = timezone.localdate()
    started = make_shift(project, days=0, hour=0, length=24 * 2, memorial_place=place)
    came(started)  # still going: not held yet
    _planned, count = shifts_at_place(place)
    with translation.override("en"):
        figures = dict(coordination_queries.period_figures(today - timedelta(days=30), today))
    assert count == figures["Volunteer shifts held"] == 1
    assert list(coordination_queries.held_shifts()) == [held]


def test_hours_by_organization_keep_two_of_the_same_name_apart_in_the_readers_language(db):
    first = OrganizationFactory(name_ru="Русский дом", name_en="Russian House Bishkek",
                                type=OrganizationType.PUBLIC_ASSOCIATION)  # fmt: skip
    second = OrganizationFactory(name_ru="Русский дом", name_en="Russian House Osh",
                                 type=OrganizationType.FUND)  # fmt: skip
    volunteer = make_volunteer()
    today = timezone.localdate()
    for organization, hours in ((first, 2), (second, 5)):
        HoursEntry.objects.create(volunteer=volunteer, organization=organization, day=today,
                                  hours=Decimal(hours), description="Архив",
                                  status="approved")  # fmt: skip
    with translation.override("en"):
        rows = coordination_queries.hours_by_organization(today - timedelta(days=1), today)
    assert rows == [("Russian House Osh", Decimal(5)), ("Russian House Bishkek", Decimal(2))]
    with translation.override("ru"):
        rows = coordination_queries.hours_by_organization(today - timedelta(days=1), today)
    assert rows == [("Русский дом", Decimal(5)), ("Русский дом", Decimal(2))]


# 7. Rate limits counted before the form is read


def _spy_forms(monkeypatch, module, name):
    """Count the forms the view validates: a refused request validates none."""
    form_class = getattr(module, name)
    validated = []

    class Spy(form_class):
        def full_clean(self):
            validated.append(self)
            return super().full_clean()

    monkeypatch.setattr(module, name, Spy)
    return validated


def test_consent_uploads_are_limited_before_the_form_is_read(client, volunteers_page,
                                                             monkeypatch):  # fmt: skip
    monkeypatch.setattr(views, "CONSENT_LIMIT", RateLimit(
        "test-consent-upload", "1/h", views.CONSENT_LIMIT.message))  # fmt: skip
    uploads = []
    monkeypatch.setattr(services, "consent_form_upload", lambda **kw: uploads.append(kw))
    minor = make_volunteer("teen@example.org", age=16)
    client.force_login(minor.user)
    validated = _spy_forms(monkeypatch, views, "ConsentUploadForm")
    first = SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    assert client.post(f"{URL}me/consent/", {"form": first}).status_code == 302
    assert len(validated) == 1 and len(uploads) == 1
    second = SimpleUploadedFile("b.pdf", PDF, "application/pdf")
    response = client.post(f"{URL}me/consent/", {"form": second})
    page_text(response, "Слишком много загрузок", status=429)
    assert len(validated) == 1 and len(uploads) == 1


def test_hours_are_limited_before_the_form_is_read(client, volunteers_page, monkeypatch):
    monkeypatch.setattr(coordination_views, "HOURS_LIMIT", RateLimit(
        "test-hours-log", "1/h", coordination_views.HOURS_LIMIT.message))  # fmt: skip
    volunteer = make_volunteer()
    client.force_login(volunteer.user)
    validated = _spy_forms(monkeypatch, coordination_views, "HoursLogForm")
    data = {"organization": "", "day": "", "hours": "", "description": "Первый"}
    assert client.post(f"{URL}me/hours/", data).status_code == 400
    assert len(validated) == 1
    response = client.post(f"{URL}me/hours/", {**data, "description": "Второй"})
    page_text(response, "Слишком много обращений", "Второй", status=429)
    assert len(validated) == 1
    assert not HoursEntry.objects.exists()
