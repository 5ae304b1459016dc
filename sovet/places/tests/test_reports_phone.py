"""A phone is enough to report a damaged place (core.reach): the report reaches the staff marked
to call back, no letter goes to the reporter, and only the staff ever see the number."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from sovet.core.testing import page_text
from sovet.places.models import PlaceReport

from .factories import EDITOR_A, EDITOR_B, MODERATOR
from .test_reports import ADMIN_LIST, GOOD, admin_url, errors_of, send, send_missing, world

__all__ = ["world"]  # the fixture, used by name

PHONE, STORED = "0555 123 456", "+996555123456"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "phone", "to_reporter"),
    [("", PHONE, 0), ("anna@example.org", "", 1), ("anna@example.org", PHONE, 1)],
)
def test_a_phone_an_email_or_both_are_enough(
    world, client, django_capture_on_commit_callbacks, email, phone, to_reporter
):
    users, place = world
    response = send(
        client, place, django_capture_on_commit_callbacks, reporter_email=email,
        reporter_phone=phone,
    )  # fmt: skip
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    assert (report.reporter_email, report.reporter_phone) == (email, STORED if phone else "")
    letters = [letter for letter in mail.outbox if letter.to == ["anna@example.org"]]
    assert len(letters) == to_reporter
    staff = [letter for letter in mail.outbox if letter.to == [users[MODERATOR].email]]
    assert len(staff) == 1 and "555" not in staff[0].body  # the number stays on the staff page
    assert ("Только телефон" in staff[0].body) == (not email)


@pytest.mark.django_db
def test_phone_only_thanks_without_mentioning_a_letter(
    world, client, django_capture_on_commit_callbacks
):
    _users, place = world
    response = send(
        client, place, django_capture_on_commit_callbacks, language="en",
        reporter_email="", reporter_phone=PHONE,
    )  # fmt: skip
    page = page_text(client.get(response["Location"]), "we will call you back")
    assert "e-mailed" not in page
    assert "555" not in page  # the private page never shows the number


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"reporter_email": "", "reporter_phone": ""},
            "reporter_email",
            "Give an e-mail or a phone",
        ),
        ({"reporter_email": "", "reporter_phone": "12"}, "reporter_phone", "Enter a phone number"),
    ],
)
def test_neither_or_a_bad_phone_is_refused_and_the_typing_kept(
    world, client, django_capture_on_commit_callbacks, changes, field, words
):
    _users, place = world
    response = send(client, place, django_capture_on_commit_callbacks, language="en", **changes)
    assert response.status_code == 200
    assert words in errors_of(response, field)
    page_text(response, GOOD["description"], "Анна", f'value="{changes["reporter_phone"]}"')
    assert not PlaceReport.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_missing_place_by_phone_still_needs_its_location(
    world, client, django_capture_on_commit_callbacks
):
    response = send_missing(
        client, django_capture_on_commit_callbacks, reporter_email="", reporter_phone=PHONE,
        latitude="", longitude="",
    )  # fmt: skip
    assert "Tell us where the place is" in errors_of(response, "latitude")
    page_text(response, f'value="{PHONE}"')
    response = send_missing(
        client, django_capture_on_commit_callbacks, reporter_email="", reporter_phone=PHONE
    )
    assert response.status_code == 302 and PlaceReport.objects.get().reporter_phone == STORED


@pytest.mark.django_db
def test_the_rate_limit_counts_before_the_phone_is_read(
    world, client, django_capture_on_commit_callbacks
):
    _users, place = world
    for _ in range(5):  # views.REPORT_LIMIT
        send(client, place, django_capture_on_commit_callbacks, reporter_phone=PHONE)
    response = send(
        client, place, django_capture_on_commit_callbacks, reporter_email="", reporter_phone="12"
    )
    assert response.status_code == 429
    assert list(response.context["form"].errors) == ["__all__"]  # "12" was not even checked
    page_text(response, 'value="12"', status=429)
    assert PlaceReport.objects.count() == 5


@pytest.mark.django_db
def test_staff_see_the_phone_and_mark_the_call_others_cannot(
    world, client, django_capture_on_commit_callbacks
):
    users, place = world
    send(client, place, django_capture_on_commit_callbacks, reporter_email="", reporter_phone=PHONE)
    report = PlaceReport.objects.get()
    called = f"/admin/places/reports/{report.pk}/called-back/"

    client.force_login(users[EDITOR_B])  # another organization's editor
    assert client.get(admin_url(report)).status_code == 403
    assert client.post(called).status_code == 403
    client.force_login(users[EDITOR_A])
    listing = page_text(client.get(ADMIN_LIST), "Только телефон: перезвонить")
    assert admin_url(report) in listing
    detail = page_text(
        client.get(admin_url(report)), 'href="tel:+996555123456"', "+996 555 123 456",
        "Отметить: перезвонили",
    )  # fmt: skip
    assert "Сохранить и сообщить автору" not in detail  # nobody to tell by e-mail
    assert client.get(called).status_code == 405
    assert client.post(called).status_code == 302
    report.refresh_from_db()
    assert report.called_back_by == users[EDITOR_A] and report.called_back_at
    assert ModelLogEntry.objects.filter(action="places.called_back").count() == 1
    page_text(client.get(admin_url(report)), "Перезвонили")
    listing = page_text(client.get(ADMIN_LIST), "Обелиск землякам")
    assert "Только телефон: перезвонить" not in listing
    client.post(called)  # twice: the first call stays the one recorded
    assert ModelLogEntry.objects.filter(action="places.called_back").count() == 1

    # Moving the report on sends nothing (no address) and says so.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(report), {"status": "resolved", "note": "Плиту заменили."})
    report.refresh_from_db()
    assert report.status == "resolved" and not mail.outbox
