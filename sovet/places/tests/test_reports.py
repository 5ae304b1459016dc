"""Visitors' reports about memorial places: the public form with a photo and a location, the
e-mails to the caretaker's editors, the moderators and the reporter, the reporter's private
page, and the staff's reports pages (who may see which report)."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from sovet.core.testing import assert_role_matrix, make_user, opens, page_text
from sovet.places import services
from sovet.places.models import PlaceReport, ReportStatus

from .factories import (
    EDITOR_A,
    EDITOR_B,
    MANAGERS,
    MODERATOR,
    editors_of_two_organizations,
    jpeg,
    make_place,
)

ADMIN_LIST = "/admin/places/reports/"
GOOD = {
    "kind": "damage",
    "description": "Плита треснула, буквы не читаются.",
    "latitude": "42.874621",
    "longitude": "74.569762",
    "reporter_name": "Анна",
    "reporter_email": "anna@example.org",
}


def form_url(place, language="ru"):
    return f"/{language}/memory/places/{place.pk}/report/"


def admin_url(report):
    return f"/admin/places/reports/{report.pk}/"


@pytest.fixture
def world(site, users):
    """A published place looked after by organization A; editors of A and of B; the staff of
    every role with two-factor sign-in set up, so the admin opens."""
    a, _b = editors_of_two_organizations(users)
    place = make_place(
        "Обелиск землякам",
        caretaker=a,
        latitude=Decimal("42.874621"),
        longitude=Decimal("74.569762"),
    )
    return users, place


def send(client, place, callbacks, language="ru", **changes):
    with callbacks(execute=True):
        return client.post(form_url(place, language), {**GOOD, **changes})


# --- The whole flow ------------------------------------------------------------------------


@pytest.mark.django_db
def test_report_reaches_caretaker_and_moderators_and_the_reporter_follows_it(
    world, client, django_capture_on_commit_callbacks
):
    users, place = world
    form = client.get(form_url(place))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'accept="image/*"' in html and 'capture="environment"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_reporter_email"' in html and 'for="id_reporter_phone"' in html
    # The place is on the map: its coordinates are the report's, nobody is asked for them.
    assert "id_latitude" not in html and "report-locate" not in html
    assert "places/js/report.js" not in html

    response = send(
        client, place, django_capture_on_commit_callbacks, language="en", photo=jpeg("plate.jpg"),
        latitude="41.0", longitude="72.0",  # sent anyway (an old page): the place's win
    )  # fmt: skip
    report = PlaceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/memory/places/reports/{report.token}/"
    assert (report.place, report.kind, report.status, report.language) == (
        place, "damage", "new", "en",
    )  # fmt: skip
    assert (report.latitude, report.longitude) == (Decimal("42.874621"), Decimal("74.569762"))
    assert report.image and report.thumbnail and len(report.token) >= 32

    letters = {tuple(letter.to): letter for letter in mail.outbox}
    editor_a, editor_b = users[EDITOR_A].email, users[EDITOR_B].email
    moderator = users[MODERATOR].email
    assert (editor_a,) in letters and (moderator,) in letters
    assert (editor_b,) not in letters
    for address in (editor_a, moderator):
        letter = letters[(address,)]
        assert "Обелиск землякам" in letter.subject
        assert f"/admin/places/reports/{report.pk}/" in letter.body
        assert GOOD["description"] in letter.body and "mlat=42.874621" in letter.body
        assert "anna@example.org" not in letter.body  # the reporter's address stays private
    receipt = letters[("anna@example.org",)]
    status_url = f"/en/memory/places/reports/{report.token}/"
    assert status_url in receipt.body and "received" in receipt.subject  # in English

    page = client.get(status_url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex"
    text = page.content.decode()
    assert GOOD["description"] in text and "New" in text
    assert "anna@example.org" not in text

    # A moderator takes it up, the caretaker's editor closes it; the reporter hears each time.
    mail.outbox.clear()
    client.force_login(users[MODERATOR])
    listing = client.get(ADMIN_LIST).content.decode()
    assert admin_url(report) in listing and "Обелиск землякам" in listing
    detail = client.get(admin_url(report)).content.decode()
    assert "anna@example.org" in detail and report.thumbnail.url in detail
    assert "openstreetmap.org/?mlat=42.874621&amp;mlon=74.569762" in detail
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            admin_url(report), {"status": "in_progress", "note": "Передали в мэрию."}
        )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_progress" and report.resolved_by is None
    [letter] = mail.outbox
    assert letter.to == ["anna@example.org"] and "In progress" in letter.subject
    assert "Передали в мэрию." in letter.body and status_url in letter.body

    client.force_login(users[EDITOR_A])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(report), {"status": "resolved", "note": "Плиту заменили."})
    report.refresh_from_db()
    assert report.status == "resolved" and report.resolved_by == users[EDITOR_A]
    assert report.resolved_at is not None
    assert len(mail.outbox) == 2 and "Resolved" in mail.outbox[1].subject
    client.logout()
    page = client.get(status_url).content.decode()
    assert "Плиту заменили." in page and "Resolved" in page


@pytest.mark.django_db
def test_a_missing_place_goes_to_the_moderators_only(
    world, client, django_capture_on_commit_callbacks
):
    users, _place = world
    index = client.get("/ru/memory/places/").content.decode()
    assert 'href="/ru/memory/places/report/"' in index
    form = client.get("/ru/memory/places/report/")
    assert form.status_code == 200
    html = form.content.decode()
    assert "places/js/report.js" in html
    assert 'id="report-locate" hidden' in html  # shown by the script only
    assert 'for="id_latitude"' in html and 'for="id_reporter_phone"' in html
    kinds = [value for value, _label in form.context["form"].fields["kind"].choices]
    assert kinds == ["missing_place", "damage", "other"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ru/memory/places/report/",
            {**GOOD, "kind": "missing_place", "description": "Могила у школы в Кара-Балте."},
        )
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    assert report.place is None and report.kind == "missing_place"
    staff = sorted(letter.to[0] for letter in mail.outbox if letter.to != [GOOD["reporter_email"]])
    assert staff == [users[MODERATOR].email]
    assert "Могила у школы" in mail.outbox[0].body


@pytest.mark.django_db
def test_without_moderators_the_council_is_emailed(
    world, client, settings, django_capture_on_commit_callbacks
):
    users, place = world
    settings.COUNCIL_EMAIL = "council@example.org"
    users[MODERATOR].is_active = False
    users[MODERATOR].save()
    users[EDITOR_A].is_active = False  # a former editor hears nothing either
    users[EDITOR_A].save()
    send(client, place, django_capture_on_commit_callbacks)
    assert sorted(letter.to[0] for letter in mail.outbox) == [
        "anna@example.org", "council@example.org",
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_place_page_links_to_the_form_and_drafts_cannot_be_reported(world, client):
    _users, place = world
    page = client.get(f"/ru/memory/places/{place.pk}/").content.decode()
    assert f'href="/ru/memory/places/{place.pk}/report/"' in page
    draft = make_place("Черновик", status="draft")
    assert client.get(form_url(draft)).status_code == 404
    assert client.post(form_url(draft), GOOD).status_code == 404
    assert not PlaceReport.objects.exists()


# --- The photo -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_photos_gps_position_is_removed(world, client, django_capture_on_commit_callbacks):
    _users, place = world
    upload = jpeg("plate.jpg")
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo has one
    upload.seek(0)
    send(client, place, django_capture_on_commit_callbacks, photo=upload)
    report = PlaceReport.objects.get()
    for stored in (report.image, report.thumbnail):
        with stored.open("rb") as file, Image.open(io.BytesIO(file.read())) as image:
            exif = image.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
            assert ExifTags.Base.Make not in exif
            assert image.format == "JPEG"


def send_missing(client, callbacks, **changes):
    data = {**GOOD, "kind": "missing_place", "description": "Памятник у школы.", **changes}
    with callbacks(execute=True):
        return client.post("/en/memory/places/report/", data)


@pytest.mark.django_db
def test_a_missing_place_takes_its_location_from_the_photo(
    world, client, django_capture_on_commit_callbacks
):
    response = send_missing(
        client,
        django_capture_on_commit_callbacks,
        latitude="",
        longitude="",
        photo=jpeg("plate.jpg"),
    )
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    # 42° 52′ 28.6″ N, 74° 34′ 11.1″ E, as the phone wrote it; the stored photo has no GPS.
    assert (report.latitude, report.longitude) == (Decimal("42.874611"), Decimal("74.569750"))
    with report.image.open("rb") as file, Image.open(io.BytesIO(file.read())) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.django_db
def test_a_missing_place_without_any_location_is_refused_with_a_clear_message(
    world, client, django_capture_on_commit_callbacks
):
    response = send_missing(client, django_capture_on_commit_callbacks, latitude="", longitude="")
    assert response.status_code == 200
    assert "Tell us where the place is" in errors_of(response, "latitude")
    plain = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(plain, "JPEG")  # a photo without a position
    photo = SimpleUploadedFile("plain.jpg", plain.getvalue(), content_type="image/jpeg")
    response = send_missing(
        client, django_capture_on_commit_callbacks, latitude="", longitude="", photo=photo
    )
    assert "Your photo carries no location" in errors_of(response, "latitude")
    assert "Памятник у школы." in response.content.decode()  # what was typed is kept
    assert not PlaceReport.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_damage_report_on_a_place_takes_the_places_location(
    world, client, django_capture_on_commit_callbacks
):
    _users, place = world
    send(client, place, django_capture_on_commit_callbacks, latitude="", longitude="")
    report = PlaceReport.objects.get()
    assert report.place == place
    assert (report.latitude, report.longitude) == (place.latitude, place.longitude)


@pytest.mark.django_db
def test_a_place_without_coordinates_gives_a_report_without_them(
    world, client, django_capture_on_commit_callbacks
):
    _users, place = world
    place.latitude = place.longitude = None
    place.save()
    response = send(client, place, django_capture_on_commit_callbacks, photo=jpeg("plate.jpg"))
    assert response.status_code == 302
    report = PlaceReport.objects.get()
    # Not the photo's GPS either: the report is about the listed place, wherever it was taken.
    assert report.latitude is None and report.longitude is None


# --- Bad input -----------------------------------------------------------------------------


def errors_of(response, name):
    return " ".join(str(error) for error in response.context["form"].errors.get(name, []))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"description": "   "}, "description", "describe what you saw"),
        ({"reporter_email": ""}, "reporter_email", "Give an e-mail or a phone number"),
        ({"reporter_phone": "12"}, "reporter_phone", "Enter a phone number"),
        ({"reporter_email": "not-an-address"}, "reporter_email", "valid email"),
        ({"kind": "missing_place"}, "kind", "valid choice"),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(
    world, client, django_capture_on_commit_callbacks, changes, field, words
):
    _users, place = world
    # In English: the messages compared are the source strings, whatever the translations.
    response = send(client, place, django_capture_on_commit_callbacks, language="en", **changes)
    assert response.status_code == 200
    assert words in errors_of(response, field)
    assert not PlaceReport.objects.exists() and not mail.outbox
    html = response.content.decode()
    assert "Анна" in html  # the name typed is still there
    if changes.get("description") is None:
        assert GOOD["description"] in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"latitude": "74.569762", "longitude": "42.874621"}, "swapped"),
        ({"latitude": "55.755826", "longitude": "37.617300"}, "outside Kyrgyzstan"),
        ({"latitude": "42.87", "longitude": ""}, "both the latitude and"),
        ({"latitude": "север"}, "number"),
        ({"latitude": "420"}, "less than or equal to 90"),
    ],
)
def test_a_missing_places_bad_location_is_refused_and_what_was_typed_is_kept(
    world, client, django_capture_on_commit_callbacks, changes, words
):
    response = send_missing(client, django_capture_on_commit_callbacks, **changes)
    assert response.status_code == 200
    assert words in errors_of(response, "latitude")
    assert not PlaceReport.objects.exists() and not mail.outbox
    html = response.content.decode()
    assert "Анна" in html and "Памятник у школы." in html


@pytest.mark.django_db
def test_a_comma_and_many_decimals_are_accepted(world, client, django_capture_on_commit_callbacks):
    send_missing(
        client, django_capture_on_commit_callbacks,
        latitude="42,87462149", longitude=" 74.5697621 ",
    )  # fmt: skip
    report = PlaceReport.objects.get()
    assert (report.latitude, report.longitude) == (Decimal("42.874621"), Decimal("74.569762"))


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_or_too_large_is_refused(
    world, client, settings, django_capture_on_commit_callbacks
):
    _users, place = world
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = send(client, place, django_capture_on_commit_callbacks, language="en", photo=fake)
    assert response.status_code == 200 and "not an image" in errors_of(response, "photo")
    assert response.context["photo_lost"]
    assert GOOD["description"] in response.content.decode()
    settings.UPLOAD_MAX_IMAGE_BYTES = 100
    response = send(
        client, place, django_capture_on_commit_callbacks, language="en", photo=jpeg("plate.jpg")
    )
    assert "too large" in errors_of(response, "photo")
    assert not PlaceReport.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_flood_from_one_address_is_stopped_and_the_input_kept(
    world, client, django_capture_on_commit_callbacks
):
    _users, place = world
    for _ in range(5):  # views.REPORT_LIMIT
        assert send(client, place, django_capture_on_commit_callbacks).status_code == 302
    mail.outbox.clear()
    response = send(
        client, place, django_capture_on_commit_callbacks, language="en", description="Шестой"
    )
    assert response.status_code == 429
    assert "Too many reports" in " ".join(response.context["form"].non_field_errors())
    assert "Шестой" in response.content.decode()
    assert PlaceReport.objects.count() == 5 and not mail.outbox


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_would(world):
    _users, place = world
    base = {"place": place, "kind": "damage", "reporter_email": "a@example.org"}
    with pytest.raises(ValidationError) as empty:
        services.report_submit(**base, description=" ")
    assert "description" in empty.value.message_dict
    with pytest.raises(ValidationError) as swapped:
        services.report_submit(
            **{**base, "place": None, "kind": "missing_place"},
            description="x", latitude=Decimal("74.5"), longitude=Decimal("42.8"),
        )  # fmt: skip
    assert "swapped" in " ".join(swapped.value.message_dict["latitude"])
    with pytest.raises(ValidationError) as nobody:
        services.report_submit(**{**base, "reporter_email": ""}, description="x")
    assert "reporter_email" in nobody.value.message_dict
    with pytest.raises(ValidationError):
        services.report_submit(**base, reporter_phone="12", description="x")
    with pytest.raises(ValidationError):
        services.report_submit(**{**base, "kind": "missing_place"}, description="x")
    place.status = "draft"
    with pytest.raises(ValidationError):
        services.report_submit(**base, description="x")
    assert not PlaceReport.objects.exists()


# --- The private page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_token_is_not_found(world, client):
    _users, place = world
    report = services.report_submit(
        place=place, kind="damage", description="x", reporter_email="a@example.org"
    )
    assert client.get(f"/ru/memory/places/reports/{report.token}/").status_code == 200
    assert client.get("/ru/memory/places/reports/no-such-token/").status_code == 404
    assert client.get(f"/ru/memory/places/reports/{report.token[:-1]}/").status_code == 404


# --- The staff -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_who_sees_which_report(world, client):
    users, place = world
    on_place = services.report_submit(
        place=place, kind="damage", description="Трещина", reporter_email="a@example.org"
    )
    missing = services.report_submit(
        place=None, kind="missing_place", description="Безымянная могила",
        reporter_email="b@example.org",
    )  # fmt: skip
    editors = {EDITOR_A, EDITOR_B}
    assert_role_matrix(
        users,
        {
            "reports list": (lambda u: opens(client, u, ADMIN_LIST), MANAGERS | editors),
            "a report on the caretaker's place": (
                lambda u: opens(client, u, admin_url(on_place)),
                MANAGERS | {EDITOR_A},
            ),
            "a missing place's report": (
                lambda u: opens(client, u, admin_url(missing)),
                MANAGERS,
            ),
        },
    )
    # Another organization's editor: a plain 403, and nothing in their list.
    client.force_login(users[EDITOR_B])
    assert client.get(admin_url(on_place)).status_code == 403
    assert client.post(admin_url(on_place), {"status": "rejected", "note": "x"}).status_code == 403
    page = page_text(client.get(ADMIN_LIST), "Сообщения о местах памяти", "Все (0)")
    assert "Трещина" not in page
    on_place.refresh_from_db()
    assert on_place.status == "new"
    client.force_login(users[EDITOR_A])
    listing = client.get(ADMIN_LIST).content.decode()
    assert "Трещина" in listing and "Безымянная могила" not in listing
    # A visitor is sent to sign in.
    client.logout()
    response = client.get(admin_url(on_place))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_the_list_shows_new_reports_first_and_filters_by_status(world, client):
    users, place = world
    older_new = services.report_submit(
        place=place, kind="damage", description="Первый", reporter_email="a@example.org"
    )
    resolved = services.report_submit(
        place=place, kind="other", description="Решённый", reporter_email="a@example.org"
    )
    services.report_set_status(resolved, by=users[MODERATOR], status="resolved")
    newer_new = services.report_submit(
        place=place, kind="damage", description="Второй", reporter_email="a@example.org"
    )
    client.force_login(users[MODERATOR])
    response = client.get(ADMIN_LIST)
    assert list(response.context["reports"]) == [newer_new, older_new, resolved]
    response = client.get(ADMIN_LIST + "?status=resolved")
    assert list(response.context["reports"]) == [resolved]
    assert client.get(ADMIN_LIST + "?status=bogus").status_code == 200


@pytest.mark.django_db
def test_status_changes_are_checked(world, client, django_capture_on_commit_callbacks):
    users, place = world
    report = services.report_submit(
        place=place, kind="damage", description="x", reporter_email="a@example.org"
    )
    with pytest.raises(ValidationError) as no_reason:
        services.report_set_status(
            report, by=users[MODERATOR], status=ReportStatus.REJECTED, note=" "
        )
    assert "note" in no_reason.value.message_dict
    with pytest.raises(ValidationError):
        services.report_set_status(report, by=users[MODERATOR], status=ReportStatus.NEW)
    with pytest.raises(ValidationError):
        services.report_set_status(report, by=users[MODERATOR], status="lost")
    with pytest.raises(PermissionDenied):
        services.report_set_status(report, by=users[EDITOR_B], status=ReportStatus.RESOLVED)
    member = make_user("someone@example.org")
    with pytest.raises(PermissionDenied):
        services.report_set_status(report, by=member, status=ReportStatus.RESOLVED)
    report.refresh_from_db()
    assert report.status == "new"
    # In the admin, the refusal is shown on the form and the reporter hears nothing.
    client.force_login(users[MODERATOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url(report), {"status": "rejected", "note": ""})
    assert response.status_code == 200 and not mail.outbox
    assert [error.code for error in response.context["form"].errors.as_data()["note"]] == [
        "no_reason"
    ]
    # Rejected with a reason; reopening clears who closed it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(report), {"status": "rejected", "note": "Это не памятник."})
    report.refresh_from_db()
    assert report.status == "rejected" and report.resolved_by == users[MODERATOR]
    services.report_set_status(
        report, by=users[MODERATOR], status=ReportStatus.IN_PROGRESS, note="Проверим."
    )
    report.refresh_from_db()
    assert report.resolved_by is None and report.resolved_at is None
