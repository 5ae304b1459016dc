"""The volunteers' main journey (issue 18), on a phone: a 16-year-old signs up as a volunteer
with her mother's consent (the mother confirms through the link in her letter), is refused a
shift for adults, takes a place at a clean-up at a memorial place; after the shift the
coordinator confirms she came and issues a certificate of her hours; she downloads it, and the
address printed under its QR code verifies it."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from sovet.community.models import (
    Attendance,
    Certificate,
    GuardianConsent,
    Participation,
    ParticipationStatus,
    Shift,
    Volunteer,
)
from sovet.core.testing import make_staff, make_user
from sovet.organizations.models import Organization
from sovet.organizations.services import organization_editor_add

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TEEN = "masha.teen@example.org"
MOTHER = "mother@example.org"
COORDINATOR = "coordinator.volunteers@example.org"
PASSWORD = "pass-for-tests"  # core.testing.make_user's
MOVEMENT = "Движение «Волонтёры Победы» в Кыргызстане"


def ru(message: str, context: str | None = None) -> str:
    with translation.override("ru"):
        return pgettext(context, message) if context else gettext(message)


def sixteen_years_ago() -> str:
    today = timezone.localdate()
    return today.replace(year=today.year - 16, day=1).strftime("%Y-%m-%d")


def sign_in(page, email: str) -> None:
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()


def test_a_teenager_volunteers_with_consent_and_gets_a_verifiable_certificate(
    page, new_page, shot_of, sign_in_staff
):
    make_user(TEEN, first_name="Мария", last_name="Иванова")
    coordinator = make_staff(COORDINATOR)
    movement = Organization.objects.get(name_ru=MOVEMENT)
    organization_editor_add(organization=movement, user=coordinator)
    adults_only = Shift.objects.get(min_age=18)
    clean_up = Shift.objects.filter(memorial_place__isnull=False, starts_at__gt=timezone.now())
    clean_up = clean_up.order_by("starts_at").first()
    phone = new_page(**PHONE)

    # --- The teenager: the volunteers' page, "become a volunteer", signing in, the form.
    phone.goto("/ru/volunteers/")
    main = phone.locator("main")
    main.get_by_role("link", name=ru("Become a volunteer")).click()
    main.get_by_role("link", name=ru("Sign in")).click()
    sign_in(phone, TEEN)
    expect(phone).to_have_url(re.compile(r"/ru/volunteers/join/"))
    form = phone.locator("main form")
    form.locator('input[name="full_name"]').fill("Иванова Мария Петровна")
    form.locator('input[name="birth_date"]').fill(sixteen_years_ago())
    form.locator('select[name="region"]').select_option(label="г. Бишкек")
    form.locator('input[name="phone"]').fill("0555 987 654")
    phone.get_by_label(ru("Translation")).check()
    form.locator('input[name="guardian_name"]').fill("Иванова Елена Сергеевна")
    form.locator('input[name="guardian_email"]').fill(MOTHER)
    phone.locator('input[name="consent"]').check()
    shot_of(phone, "1-join")
    phone.get_by_role("button", name=ru("Sign up")).click()
    expect(phone).to_have_url(re.compile(r"/ru/volunteers/me/$"))
    volunteer = Volunteer.objects.get(user__email=TEEN)
    assert volunteer.is_minor()
    shot_of(phone, "2-me-waiting-for-consent")

    # --- Her mother: the letter's link, a page that confirms only when she presses the button.
    letter = next(message for message in mail.outbox if MOTHER in message.to)
    # The letter's address is the site's (SITE_URL); the test's server listens elsewhere.
    link = re.search(r"https?://[^/\s]+(/\S+/guardian/[\w-]+/)", letter.body).group(1)
    mother = new_page(**PHONE)
    mother.goto(link)
    assert not GuardianConsent.objects.get(volunteer=volunteer).confirmed_at
    mother.get_by_role("button", name=ru("I give my consent")).click()
    expect(mother.locator("main p[role=status]")).to_be_visible()
    assert GuardianConsent.objects.get(volunteer=volunteer).confirmed_at

    # --- A shift for adults: refused, with the reason, and no way to take a place.
    phone.goto(f"/ru/volunteers/shifts/{adults_only.pk}/")
    expect(phone.get_by_text(ru("This shift is for volunteers aged 18 and over."))).to_be_visible()
    expect(phone.get_by_role("button", name=ru("Take a place"))).to_have_count(0)
    shot_of(phone, "3-adults-only")

    # --- The clean-up at a memorial place: a place taken.
    phone.goto(f"/ru/volunteers/shifts/{clean_up.pk}/")
    expect(phone.locator("main")).to_contain_text(clean_up.memorial_place.name_ru)
    phone.get_by_label(ru("Clean-up")).check()
    phone.get_by_role("button", name=ru("Take a place")).click()
    expect(phone.get_by_text(ru("Your place is confirmed. See you there!"))).to_be_visible()
    shot_of(phone, "4-place-taken")
    participation = Participation.objects.get(volunteer=volunteer, slot__shift=clean_up)
    assert participation.status == ParticipationStatus.CONFIRMED

    # The shift takes place (three hours, ending an hour ago).
    ended = timezone.now() - timedelta(hours=1)
    Shift.objects.filter(pk=clean_up.pk).update(starts_at=ended - timedelta(hours=3), ends_at=ended)

    # --- The coordinator: the attendance screen, "came"; then a certificate for the project.
    sign_in_staff(page, COORDINATOR)
    page.goto(f"/admin/community/shifts/{clean_up.pk}/attendance/")
    row = page.locator("tr", has_text="Иванова Мария Петровна")
    row.get_by_role("button", name=ru("Came"), exact=True).click()
    expect(page.locator("tr", has_text="Иванова Мария Петровна")).to_contain_text("3")
    participation.refresh_from_db()
    assert participation.attendance == Attendance.CAME and participation.hours == 3
    shot_of(page, "5-attendance")
    page.goto(f"/admin/community/certificates/issue/?volunteer={volunteer.pk}")
    page.get_by_label(ru("For a project")).check()
    page.get_by_label(ru("Project", "certificate"), exact=True).select_option(
        value=str(clean_up.project_id)
    )
    page.get_by_role("button", name=ru("Show the hours")).click()
    page.get_by_role("button", name=ru("Issue the certificate")).click()
    certificate = Certificate.objects.get(volunteer=volunteer)
    assert certificate.hours == 3 and certificate.valid
    shot_of(page, "6-issued")

    # --- The volunteer: her page lists it; the PDF downloads; the printed address verifies it.
    phone.goto("/ru/volunteers/me/")
    pdf_link = phone.get_by_role("link", name="PDF").first.get_attribute("href")
    pdf = phone.request.get(pdf_link)  # with her session, as the link opens it
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    printable = phone.request.get(
        f"/ru/volunteers/certificates/{certificate.code}/pdf/?format=html"
    )
    assert printable.ok
    verify_url = re.search(
        rf"https?://[^/\s<\"]+(/[^\s<\"]+/certificates/{certificate.code}/)", printable.text()
    ).group(1)
    anyone = new_page(**PHONE)
    anyone.goto(verify_url)
    main = anyone.locator("main")
    expect(main).to_contain_text("Иванова М. П.")
    expect(main).to_contain_text(ru("VALID", "certificate"))
    expect(main).not_to_contain_text("Иванова Мария Петровна")
    expect(main).not_to_contain_text(MOTHER)
    shot_of(anyone, "7-verified")
