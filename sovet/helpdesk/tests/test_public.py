"""The requester's side: the help desk page, the request form, the private status page with its
reply box, files, data download and erasure."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.utils import timezone, translation

from sovet.core.models import Region
from sovet.core.testing import page_text
from sovet.core.tests.images import has_gps, upload
from sovet.helpdesk import services
from sovet.helpdesk.models import HelpRequest, Message, MessageKind, Status

from .factories import centre, make_request, make_staff, pdf, photo

FORM = "/ru/help/request/"
GOOD = {
    "topic": "labour",
    "description": "Работодатель в Москве не платит зарплату второй месяц.",
    "region": "",
    "centre": "",
    "language": "ru",
    "name": "Анна",
    "email": "anna@example.org",
    "phone": "",
    "consent": "on",
}


def good(**changes):
    data = {**GOOD, "centre": str(centre().pk), **changes}
    return {key: value for key, value in data.items() if value is not None}


def send(client, callbacks, data, language="ru"):
    with callbacks(execute=True):
        return client.post(f"/{language}/help/request/", data)


def status_url(help_request, language="ru"):
    return f"/{language}/help/r/{help_request.token}/"


def errors_of(response, name):
    return " ".join(response.context["form"].errors.get(name, []))


# --- The pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_help_desk_page_lists_articles_by_topic_and_leads_to_the_form(help_page, client):
    text = page_of(client.get("/ru/help/"), "Правовая помощь", "Миграционный учёт")
    assert 'href="/ru/help/request/"' in text
    assert "Центр правовой помощи в Оше" in text
    article = client.get("/ru/help/registration/")
    assert 'href="/ru/help/request/?topic=migration"' in page_of(article, "Регистрация")
    form = client.get("/ru/help/request/?topic=migration")
    assert re.search(r'value="migration"[^>]* checked', page_of(form, 'name="consent"'))


def page_of(response, *shows, status=200):
    return page_text(response, *shows, status=status)


@pytest.mark.django_db
def test_the_form_is_in_the_visitors_language(help_page, client):
    text = page_of(client.get("/en/help/request/"), "Ask the legal-aid centre")
    assert re.search(r'name="language" value="en"[^>]* checked', text)
    assert "helpdesk/js/suggest.js" in text


# --- Sending --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_is_sent_and_followed_on_its_private_page(
    help_page, client, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year
    data = good(attachments=[pdf(), photo()])
    response = send(client, django_capture_on_commit_callbacks, data)
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(help_request)
    assert response["Cache-Control"] == "private, no-store"
    assert help_request.reference == f"Б-{year}-0001"
    assert help_request.consent_at is not None
    assert [a.name for a in help_request.attachments.order_by("pk")] == [
        "справка.pdf",
        "паспорт.jpg",
    ]
    letter = mail.outbox[0]
    assert letter.to == ["anna@example.org"]
    assert f"[Б-{year}-0001]" in letter.subject
    assert help_request.token in letter.body

    page = client.get(response["Location"])
    text = page_of(page, f"Б-{year}-0001", "Работодатель в Москве", "справка.pdf")
    assert f"«Б-{year}-0001»" in text  # the success message
    assert page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
def test_a_phone_alone_is_enough(help_page, client, django_capture_on_commit_callbacks):
    response = send(
        client, django_capture_on_commit_callbacks, good(email="", phone="0555 123 456")
    )
    assert response.status_code == 302
    assert HelpRequest.objects.get().phone == "+996555123456"
    assert not mail.outbox


@pytest.mark.django_db
def test_the_region_chooses_the_centre_when_none_is_chosen(
    help_page, client, django_capture_on_commit_callbacks
):
    osh = Region.objects.get(code="osh-city")
    response = send(client, django_capture_on_commit_callbacks, good(centre="", region=osh.pk))
    assert response.status_code == 302
    assert HelpRequest.objects.get().reference.startswith("О-")


@pytest.mark.django_db
def test_without_centre_and_region_the_form_asks(
    help_page, client, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        response = send(client, django_capture_on_commit_callbacks, good(centre=""), "en")
    assert "Choose a centre" in errors_of(response, "centre")


@pytest.mark.django_db
def test_neither_email_nor_phone_is_refused_and_the_typing_kept(
    help_page, client, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks, good(email="", phone=""), "en")
    assert response.status_code == 200
    assert "e-mail or a phone" in errors_of(response, "email")
    page_of(response, GOOD["description"])
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_without_consent_nothing_is_sent(help_page, client, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, good(consent=None), "en")
    assert "consent" in errors_of(response, "consent")
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_four_files_are_refused_and_the_files_must_be_chosen_again(
    help_page, client, django_capture_on_commit_callbacks
):
    files = [pdf(f"{n}.pdf") for n in range(4)]
    response = send(client, django_capture_on_commit_callbacks, good(attachments=files), "en")
    assert "up to 3 files, and you chose 4." in errors_of(response, "attachments")
    assert response.context["files_lost"]
    page_of(response, "please choose them again", GOOD["description"])
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_a_file_of_another_type_is_refused_by_its_content(
    help_page, client, django_capture_on_commit_callbacks
):
    fake = upload("scan.pdf", b"MZ\x90\x00\x03" + bytes(200), "application/pdf")
    text = upload("notes.txt", "просто текст".encode(), "text/plain")
    response = send(
        client, django_capture_on_commit_callbacks, good(attachments=[fake, text]), "en"
    )
    errors = errors_of(response, "attachments")
    assert "“scan.pdf”: This type of file cannot be uploaded" in errors
    assert "“notes.txt”" in errors
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_a_file_too_large_is_refused_with_the_limit(
    help_page, client, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_MAX_IMAGE_BYTES = 50
    response = send(client, django_capture_on_commit_callbacks, good(attachments=[pdf()]), "en")
    errors = errors_of(response, "attachments")
    assert "“справка.pdf”: The file is too large" in errors
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_a_photo_is_stored_without_its_metadata(
    help_page, client, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks, good(attachments=[photo()]))
    assert response.status_code == 302
    attachment = HelpRequest.objects.get().attachments.get()
    with attachment.file.open("rb") as stored:
        assert not has_gps(stored.read())


@pytest.mark.django_db
def test_a_flood_is_stopped_before_the_form_is_read_and_the_typing_kept(
    help_page, client, django_capture_on_commit_callbacks
):
    for _ in range(5):  # views.REQUEST_LIMIT
        send(client, django_capture_on_commit_callbacks, good(consent=None))
    response = send(client, django_capture_on_commit_callbacks, good(), "en")
    assert response.status_code == 429
    page_of(response, "Too many requests", GOOD["description"], status=429)
    assert not HelpRequest.objects.exists()


# --- The private pages ----------------------------------------------------------------------


@pytest.fixture
def answered(help_page, django_capture_on_commit_callbacks):
    """A request with a file, a staff note, an answer with a file, and a transfer's event."""
    lawyer = make_staff("lawyer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        help_request = make_request(attachments=[pdf()])
        services.note_add(help_request=help_request, text="СЕКРЕТНАЯ ЗАМЕТКА", by=lawyer)
        services.status_change(
            help_request=help_request, status=Status.REFERRED, by=lawyer, referred_to="СЛУЖЕБНО"
        )
        services.answer_send(
            help_request=help_request,
            text="Обратитесь в трудовую инспекцию.",
            by=lawyer,
            attachments=[pdf("образец.pdf")],
        )
    help_request.refresh_from_db()
    return help_request


@pytest.mark.django_db
def test_the_status_page_shows_answers_never_notes_or_changes(answered, client):
    text = page_of(
        client.get(status_url(answered)),
        answered.reference,
        "Обратитесь в трудовую инспекцию.",
        "образец.pdf",
        "Центр правовой помощи в Бишкеке",
    )
    assert "СЕКРЕТНАЯ ЗАМЕТКА" not in text
    assert "Referred to another body: СЛУЖЕБНО" not in text
    assert "Направлено в другой орган: СЛУЖЕБНО" not in text


@pytest.mark.django_db
def test_a_changed_token_is_not_found_anywhere(answered, client):
    token = answered.token
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    key = answered.attachments.first().file.name.rsplit("/", 1)[1].split(".")[0]
    for path in ("", "data/", "erase/", f"files/{key}/"):
        assert client.get(f"/ru/help/r/{changed}/{path}").status_code == 404
        assert client.get(f"/ru/help/r/{token.upper()}/{path}").status_code == 404


@pytest.mark.django_db
def test_files_open_only_through_their_own_request(answered, client):
    own = answered.attachments.filter(message__isnull=True).get()
    key = own.file.name.rsplit("/", 1)[1].split(".")[0]
    response = client.get(f"{status_url(answered)}files/{key}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    other = make_request(email="boris@example.org", attachments=[pdf("чужое.pdf")])
    other_key = other.attachments.get().file.name.rsplit("/", 1)[1].split(".")[0]
    assert client.get(f"{status_url(answered)}files/{other_key}/").status_code == 404
    assert client.get(f"{status_url(other)}files/{key}/").status_code == 404
    assert client.get(f"{status_url(other)}files/{other_key}/").status_code == 200


@pytest.mark.django_db
def test_the_requester_replies_with_a_file_and_the_request_goes_back_to_the_centre(
    answered, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            status_url(answered), {"text": "Спасибо, а если нет договора?", "attachments": pdf()}
        )
    assert response.status_code == 302
    message = Message.objects.filter(request=answered, kind=MessageKind.REQUESTER).get()
    assert message.attachments.count() == 1 and not message.by_email
    answered.refresh_from_db()
    assert answered.status == Status.REFERRED  # finished elsewhere: services keep it so
    page_of(client.get(status_url(answered)), "Спасибо, а если нет договора?")


@pytest.mark.django_db
def test_an_empty_reply_is_refused(answered, client):
    response = client.post(status_url(answered), {"text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]


@pytest.mark.django_db
def test_the_data_download_holds_the_request_answers_and_files(answered, client):
    response = client.get(f"{status_url(answered)}data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("request.json"))
    assert data["reference"] == answered.reference
    assert data["description"] == answered.description
    assert data["email"] == "anna@example.org" and data["name"] == "Анна"
    assert data["consent_given_at"]
    assert [m["text"] for m in data["messages"]] == ["Обратитесь в трудовую инспекцию."]
    assert "СЕКРЕТНАЯ ЗАМЕТКА" not in archive.read("request.json").decode()
    names = sorted(name for name in archive.namelist() if name.startswith("files/"))
    assert len(names) == 2
    assert {f["file"] for f in data["files"] + data["messages"][0]["files"]} == set(names)
    assert archive.read(names[0]).startswith(b"%PDF")


@pytest.mark.django_db
def test_erasure_is_explained_then_done_and_the_link_says_erased(answered, client):
    erase = f"{status_url(answered)}erase/"
    page_of(client.get(erase), "Стереть навсегда", answered.reference)
    key = answered.attachments.first().file.name.rsplit("/", 1)[1].split(".")[0]
    response = client.post(erase)
    page_of(response, "Обращение стёрто")
    answered.refresh_from_db()
    assert answered.anonymized_at and answered.status == Status.REFERRED
    assert answered.description == "" and answered.email == ""
    assert not answered.attachments.exists()
    text = page_of(client.get(status_url(answered)), "Это обращение стёрто")
    assert "Работодатель" not in text and "Обратитесь" not in text
    assert client.get(f"{status_url(answered)}files/{key}/").status_code == 404
    assert client.get(f"{status_url(answered)}data/").status_code == 302
    assert client.post(status_url(answered), {"text": "ещё"}).status_code == 200
    assert not Message.objects.filter(request=answered, kind=MessageKind.REQUESTER).exists()


# --- Reference numbers ----------------------------------------------------------------------


@pytest.mark.django_db
def test_reference_numbers_count_per_centre_and_per_year(help_page):
    year = timezone.localdate().year
    first, second = make_request(), make_request()
    osh = make_request(centre=centre("osh"))
    assert (first.reference, second.reference) == (f"Б-{year}-0001", f"Б-{year}-0002")
    assert osh.reference == f"О-{year}-0001"
    assert services._next_reference(centre(), year + 1) == f"Б-{year + 1}-0001"
    assert services._next_reference(centre(), year) == f"Б-{year}-0003"
