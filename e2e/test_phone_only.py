"""A phone is enough (core.reach): an older visitor with no e-mail registers for an event and
reports damage on a memorial place from a phone, typing a phone number only; a Council secretary
sees both in the admin, marked "phone only: call back", and marks the call."""

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff
from sovet.events.models import Event, Registration
from sovet.places.models import MemorialPlace, PlaceReport

EVENT = "Вечер русского романса"  # demo: open registration
PLACE = "Вечный огонь, Нарын"
SECRETARY = "phone.secretary@example.org"
TYPED, STORED = "0555 123 456", "+996555123456"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def ru(message: str) -> str:
    with translation.override("ru"):
        return gettext(message)


def test_a_visitor_with_a_phone_and_no_email_registers_and_reports(
    page, new_page, shot_of, sign_in_staff
):
    event = Event.objects.get(title_ru=EVENT)
    place = MemorialPlace.objects.get(name_ru=PLACE)
    make_staff(SECRETARY, Role.COUNCIL_SECRETARY)
    phone = new_page(**PHONE)

    # --- The event: a name, a phone, no e-mail.
    phone.goto(f"/ru/events/{event.pk}/")
    phone.get_by_label(ru("Your name")).fill("Нина Петровна")
    phone.get_by_label(ru("Phone"), exact=True).fill(TYPED)
    expect(phone.get_by_label(ru("Phone"), exact=True)).to_have_attribute("type", "tel")
    phone.get_by_label(
        ru("I agree to the processing of my personal data for this registration.")
    ).check()
    shot_of(phone, "1-register")
    phone.get_by_role("button", name=ru("Register")).click()
    expect(
        phone.get_by_text(ru("You are registered. The organizers will call you back to confirm."))
    ).to_be_visible()
    link = phone.get_by_role("link", name=ru("Your registration"))
    expect(link).to_be_visible()
    shot_of(phone, "2-registered")
    registration = Registration.objects.get(name="Нина Петровна")
    assert (registration.email, registration.phone) == ("", STORED)
    link.click()
    expect(phone.get_by_role("button", name=ru("Cancel my registration"))).to_be_visible()

    # --- The memorial place: no coordinates asked, a phone instead of an e-mail.
    phone.goto(f"/ru/memory/places/{place.pk}/report/")
    expect(phone.get_by_label(ru("Latitude"))).to_have_count(0)
    phone.get_by_label(ru("Damage")).check()
    phone.get_by_label(ru("What did you see?")).fill("Плита у огня треснула.")
    phone.get_by_label(ru("Your phone")).fill("12")  # a slip of the finger first
    phone.get_by_role("button", name=ru("Send the report")).click()
    expect(
        phone.get_by_text(ru("Enter a phone number such as 0555 123 456 or +996 312 123 456."))
    ).to_be_visible()
    expect(phone.get_by_label(ru("What did you see?"))).to_have_value("Плита у огня треснула.")
    shot_of(phone, "3-bad-phone")
    phone.get_by_label(ru("Your phone")).fill(TYPED)
    phone.get_by_role("button", name=ru("Send the report")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(ru("Your report"))
    expect(
        phone.get_by_text(
            ru(
                "Thank you! Your report has been sent and we will call you back. Keep the address of this page (bookmark it): the answer will appear here."
            )
        )
    ).to_be_visible()
    expect(phone.get_by_text("555")).to_have_count(0)
    shot_of(phone, "4-reported")
    report = PlaceReport.objects.get(description="Плита у огня треснула.")
    assert (report.reporter_email, report.reporter_phone) == ("", STORED)
    assert (report.latitude, report.longitude) == (place.latitude, place.longitude)

    # --- The secretary: both in the admin, to call back.
    sign_in_staff(page, SECRETARY)
    page.goto(f"/admin/events/{event.pk}/registrants/")
    row = page.locator(f"#registration-{registration.pk}")
    expect(row.get_by_role("link", name="+996 555 123 456")).to_be_visible()
    expect(row.get_by_text(ru("Phone only: call back"))).to_be_visible()
    shot_of(page, "5-registrants")
    row.get_by_role("button", name=ru("Mark as called back")).click()
    expect(page.get_by_text(ru("Marked as called back."))).to_be_visible()
    registration.refresh_from_db()
    assert registration.called_back_at is not None

    page.goto("/admin/places/reports/")
    expect(page.get_by_text(ru("Phone only: call back"))).to_be_visible()
    page.get_by_role("link", name=report.get_kind_display()).first.click()
    expect(page.get_by_role("link", name="+996 555 123 456")).to_be_visible()
    shot_of(page, "6-report-admin")
    page.get_by_role("button", name=ru("Mark as called back")).click()
    expect(page.get_by_text(ru("Marked as called back."))).to_be_visible()
    report.refresh_from_db()
    assert report.called_back_at is not None
