"""Family stories from the public site: finding the person, sending the story with photos and
documents, confirming the address, the private status page and the changes a moderator asks for."""

import io
import os
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from wagtail.models import Site

from sovet.memory.models import (
    MemoryIndexPage,
    Photo,
    Story,
    StoryDocument,
    WarParticipant,
)
from sovet.memory.stories import services as stories

from .factories import CardFactory, StoryFactory

NEW = "/ru/memory/stories/new/"


@pytest.fixture
def archive(db):
    """The archive page and a few cards: published, may-be-alive, draft and merged."""
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))

    def card(surname, given, patronymic, born="", **fields):
        return CardFactory(
            surname=surname, given_name=given, patronymic=patronymic, birth_date=born, **fields
        )

    cards = {
        "soloviev": card("Соловьёв", "Фёдор", "Иванович", "1915", rank="сержант"),
        "soloviev_unknown": card("Соловьев", "Федор", "Петрович"),
        "soloviev_1930": card(
            "Соловьёв", "Фёдор", "Ильич", "1930", category="child_of_war", consent_to_publish=True
        ),  # fmt: skip
        "kuznetsova": card(
            "Кузнецова", "Мария", "Петровна", "1928", category="home_front", consent_to_publish=True
        ),  # fmt: skip
        "draft": card("Ким", "Георгий", "Николаевич", "1917", status="draft"),
    }
    merged = card("Соловьёвъ", "Фёдор", "", "1915", status="merged")
    WarParticipant.objects.filter(pk=merged.pk).update(merged_into=cards["soloviev"])
    cards["merged"] = merged
    return page, cards


def story_data(**changes):
    data = {
        "title": "Сержант из Фрунзе",
        "text": "Дедушка вернулся с войны в 1945 году.\n\nО войне рассказывать не любил.",
        "signature": "внучка Анна",
        "relation": "grandchild",
        "submitter_name": "Анна Петрова-Секретная",
        "submitter_email": "anna.secret@example.org",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def person_data(**changes):
    data = {
        "surname": "Петренко",
        "given_name": "Иван",
        "patronymic": "Архипович",
        "name_variants": "Петренко И. А.",
        "birth_date": "1913",
        "birth_place": "г. Пржевальск",
        "conscription_place": "Пржевальский РВК",
        "rank": "ефрейтор",
        "fate": "killed",
        "death_date": "08.1942",
        "burial_place": "",
        "category": "front_line",
        "region": "",
    }
    data.update(changes)
    return data


def jpeg(name="photo.jpg", gps=False, size=(64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (150, 110, 70))
    output = io.BytesIO()
    exif = Image.Exif()
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef] = "N"
        info[ExifTags.GPS.GPSLatitude] = (42.0, 52.0, 30.0)
        info[ExifTags.GPS.GPSLongitudeRef] = "E"
        info[ExifTags.GPS.GPSLongitude] = (74.0, 36.0, 10.0)
    image.save(output, "JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def pdf(name="notice.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def nothing_saved():
    return (
        not (Story.objects.exists() or Photo.objects.exists() or StoryDocument.objects.exists())
        and not WarParticipant.objects.filter(surname="Петренко").exists()
    )


def stored_files() -> set[str]:
    found = set()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_ROOT):  # photos; proof documents
        for folder, _dirs, files in os.walk(root):
            found |= {os.path.join(folder, name) for name in files}
    return found


def link_in(message, route) -> str:
    return re.search(rf"https?://\S+/memory/stories/{route}\S+/", message.body).group(0)


# --- The whole flow ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_person_story_is_confirmed_by_e_mail_and_reaches_the_moderators(
    archive, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            NEW, {**person_data(), **story_data(), "photo_1": jpeg(), "caption_1": "1941 год",
                  "document_1": pdf()},
        )  # fmt: skip
    assert response.status_code == 200
    assert "anna.secret@example.org" in response.content.decode()
    story = Story.objects.get()
    card = story.participant
    assert (story.status, story.new_card, story.language) == ("unconfirmed", True, "ru")
    assert (card.status, card.full_name, str(card.death_date)) == (
        "draft", "Петренко Иван Архипович", "1942-08"
    )  # fmt: skip
    assert card.name_keys.exists()  # saved through services.participant_save
    photo = story.photos.get()
    assert (photo.participant, photo.is_public, photo.caption) == (card, False, "1941 год")
    assert story.documents.get().name == "notice.pdf"
    # The token is only in the letter: the page after sending does not reveal it.
    assert story.token not in response.content.decode()

    [letter] = mail.outbox
    assert letter.to == ["anna.secret@example.org"]
    confirm = link_in(letter, "confirm/")
    path = confirm.split("://", 1)[1].split("/", 1)[1]
    form = client.get(f"/{path}")
    assert form.status_code == 200 and "<form" in form.content.decode()
    story.refresh_from_db()
    assert story.status == "unconfirmed"  # opening the link alone confirms nothing

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/{path}")
    status_path = f"/ru/memory/stories/{story.token}/"
    assert confirmed.status_code == 302 and confirmed["Location"] == status_path
    story.refresh_from_db()
    assert story.status == "submitted" and story.confirmed_at and story.submitted_at
    assert len(mail.outbox) == 2 and status_path in mail.outbox[1].body

    page = client.get(status_path).content.decode()
    assert "Петренко Иван Архипович" in page and story.get_status_display() in page

    # A second click leads to the status page and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again_get = client.get(f"/{path}")
        again_post = client.post(f"/{path}")
    assert again_get["Location"] == status_path and again_post["Location"] == status_path
    assert len(mail.outbox) == 2
    assert stories.story_confirm(story=story) is False


@pytest.mark.django_db
def test_a_story_about_a_published_card(archive, client, django_capture_on_commit_callbacks):
    page, cards = archive
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ru/memory/{cards['soloviev'].pk}/stories/new/", story_data())
    assert response.status_code == 200
    story = Story.objects.get()
    assert (story.participant, story.new_card) == (cards["soloviev"], False)
    assert WarParticipant.objects.count() == 6  # no new card
    assert "confirm" in mail.outbox[0].body


@pytest.mark.django_db
def test_stories_only_for_published_cards_and_merged_ones_lead_to_their_heir(archive, client):
    page, cards = archive
    assert client.get(f"/ru/memory/{cards['draft'].pk}/stories/new/").status_code == 404
    assert client.get("/ru/memory/999999/stories/new/").status_code == 404
    assert (
        client.post(f"/ru/memory/{cards['draft'].pk}/stories/new/", story_data()).status_code == 404
    )
    response = client.get(f"/ru/memory/{cards['merged'].pk}/stories/new/")
    assert response.status_code == 302
    assert response["Location"] == f"/ru/memory/{cards['soloviev'].pk}/stories/new/"
    # The service refuses a card that is no longer published, too.
    with pytest.raises(ValidationError):
        stories.story_submit(participant=cards["draft"], **_submission())
    assert not Story.objects.exists()


def _submission(**changes):
    return {
        "title": "",
        "text": "Текст",
        "signature": "",
        "relation": "child",
        "submitter_name": "Имя",
        "submitter_email": "x@example.org",
        "consent": True,
        **changes,
    }


# --- Finding the person first -----------------------------------------------------------------


def candidates(response):
    return [card for card, _url in response.context.get("candidates", [])]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Соловьёв Фёдор", "Соловьев Федор", "Соловев Федор"])
def test_step_one_offers_the_published_cards_of_that_name(archive, client, typed):
    page, cards = archive
    surname, given = typed.split()
    response = client.get(NEW, {"surname": surname, "given_name": given})
    found = candidates(response)
    assert cards["soloviev"] in found and cards["soloviev_unknown"] in found
    assert cards["draft"] not in found and cards["merged"] not in found
    html = response.content.decode()
    assert f"/ru/memory/{cards['soloviev'].pk}/stories/new/" in html
    assert "new=1" in html  # "None of these — a new person"


@pytest.mark.django_db
def test_a_birth_year_keeps_cards_born_within_two_years_or_unknown(archive, client):
    page, cards = archive
    query = {"surname": "Соловьёв", "given_name": "Фёдор"}
    near = candidates(client.get(NEW, {**query, "birth_year": "1917"}))
    assert cards["soloviev"] in near and cards["soloviev_unknown"] in near
    assert cards["soloviev_1930"] not in near
    far = candidates(client.get(NEW, {**query, "birth_year": "1918"}))
    assert cards["soloviev"] not in far and cards["soloviev_unknown"] in far


@pytest.mark.django_db
def test_no_namesake_goes_straight_to_the_full_form(archive, client):
    response = client.get(
        NEW, {"surname": "Омуралиев", "given_name": "Сагын", "birth_year": "1922"}
    )
    assert response.context["step"] == 2
    assert response.context["person_form"].initial["birth_date"] == "1922"
    assert 'value="Омуралиев"' in response.content.decode()


@pytest.mark.django_db
def test_a_new_person_step_shows_the_namesakes_again(archive, client):
    page, cards = archive
    response = client.get(NEW, {"surname": "Соловьёв", "given_name": "Фёдор", "new": "1"})
    assert response.context["step"] == 2 and cards["soloviev"] in response.context["duplicates"]
    html = response.content.decode()
    assert f"/ru/memory/{cards['soloviev'].pk}/stories/new/" in html
    assert 'enctype="multipart/form-data"' in html and 'method="post"' in html
    # After an error in the full form, too.
    posted = client.post(NEW, {**person_data(surname="Соловьёв", given_name="Фёдор"),
                               **story_data(consent=None)})  # fmt: skip
    assert cards["soloviev"] in posted.context["duplicates"]


# --- Bad input: clear messages, everything typed kept, nothing saved ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("surname", "message"),
    [
        ("Петренко1941", "A name cannot contain digits."),
        ("!!! ...", "Write the name in letters."),
        ("Петренко;DROP", "Use only letters, spaces, hyphens and apostrophes in a name."),
        ("Щ" * 101, "Ensure this value has at most 100 characters"),
        ("", "This field is required."),
    ],
)
def test_absurd_names_are_refused_with_a_reason(archive, client, surname, message):
    response = client.post("/en/memory/stories/new/",
                           {**person_data(surname=surname), **story_data()})  # fmt: skip
    assert response.status_code == 200
    assert message in " ".join(response.context["person_form"].errors["surname"])
    html = response.content.decode()
    assert "Сержант из Фрунзе" in html and "anna.secret@example.org" in html  # kept
    assert nothing_saved()


@pytest.mark.django_db
def test_an_odd_but_real_looking_name_is_accepted(archive, client):
    response = client.post(NEW, {**person_data(surname="Асдфгх-Оглы", patronymic="д'Артаньян"),
                                 **story_data()})  # fmt: skip
    assert response.status_code == 200 and Story.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": "2199"}, "birth_date", "The date cannot be in the future."),
        ({"death_date": "01.01.2199"}, "death_date", "The date cannot be in the future."),
        ({"birth_date": "1920", "death_date": "1915"}, "death_date",
         "The date of death is before the date of birth."),
        ({"birth_date": "1700"}, "birth_date", "was born between 1850 and 1945"),
        ({"birth_date": "вчера"}, "birth_date", "Enter a date such as 1943"),
    ],
)  # fmt: skip
def test_impossible_dates_are_refused(archive, client, changes, field, message):
    response = client.post("/en/memory/stories/new/", {**person_data(**changes), **story_data()})
    assert message in " ".join(response.context["person_form"].errors[field])
    for value in changes.values():
        assert f'value="{value}"' in response.content.decode()
    assert nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": "<script>alert(1)</script>Дед"}, "text", "without HTML tags"),
        ({"text": 'Дед <a href="http://spam">тут</a>'}, "text", "without HTML tags"),
        ({"title": "<b>Дед</b>"}, "title", "without HTML tags"),
        ({"text": "   "}, "text", "Write the story"),
        ({"consent": None}, "consent", "only be published with your consent"),
        ({"submitter_email": "not-an-address"}, "submitter_email", "valid email"),
        ({"relation": "stranger"}, "relation", "Select a valid choice"),
    ],
)
def test_bad_story_fields_are_refused_and_kept(archive, client, changes, field, message):
    page, cards = archive
    url = f"/en/memory/{cards['soloviev'].pk}/stories/new/"
    response = client.post(url, story_data(**changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["story_form"].errors[field])
    html = response.content.decode()
    assert "внучка Анна" in html
    assert "<script>alert" not in html  # the typed text comes back escaped
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_a_40_mb_photo_is_refused_and_files_must_be_chosen_again(archive, client):
    page, cards = archive
    huge = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"\0" * (40 * 1024 * 1024))
    response = client.post(f"/en/memory/{cards['soloviev'].pk}/stories/new/",
                           story_data(photo_1=huge, document_1=pdf()))  # fmt: skip
    errors = " ".join(response.context["story_form"].errors["photo_1"])
    assert "The image is too large" in errors and "10.0" in errors
    html = response.content.decode()
    assert "please choose the photos and documents again" in html
    assert "Сержант из Фрунзе" in html
    assert nothing_saved()


@pytest.mark.django_db
def test_a_document_that_is_not_a_pdf_is_refused(archive, client):
    page, cards = archive
    fake = SimpleUploadedFile("notice.pdf", b"MZ\x90\x00 this is a program, not a PDF" * 20)
    response = client.post(f"/en/memory/{cards['soloviev'].pk}/stories/new/",
                           story_data(document_1=fake))  # fmt: skip
    assert "This type of file cannot be uploaded" in " ".join(
        response.context["story_form"].errors["document_1"]
    )
    assert "JPG, PDF, PNG" in response.content.decode()
    assert nothing_saved()


@pytest.mark.django_db
def test_a_bad_second_photo_saves_nothing_at_all(archive, client):
    before = stored_files()
    broken = SimpleUploadedFile("two.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 100)
    response = client.post(NEW, {**person_data(), **story_data(), "photo_1": jpeg(),
                                 "photo_2": broken, "document_1": pdf()})  # fmt: skip
    assert response.context["story_form"].errors["photo_2"]
    assert nothing_saved()
    assert stored_files() == before


@pytest.mark.django_db
def test_a_failure_while_saving_removes_the_files_already_written(archive, monkeypatch):
    from sovet.core.images import check_image

    before = stored_files()
    real = stories.set_image_from_upload
    calls = []

    def fail_on_second(photo, upload):
        calls.append(photo)
        if len(calls) == 2:
            raise OSError("disk full")
        real(photo, upload)

    monkeypatch.setattr(stories, "set_image_from_upload", fail_on_second)
    person = {key: value for key, value in person_data().items() if key != "region"}
    person.update(birth_date=None, death_date=None)
    with pytest.raises(OSError):
        stories.story_submit(
            new_person=person,
            **_submission(photos=[(check_image(jpeg()), "один"), (check_image(jpeg()), "два")]),
        )
    assert len(calls) == 2
    assert nothing_saved()
    assert stored_files() == before


# --- Someone who may be alive -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_person_who_may_be_alive_needs_the_familys_consent(archive, client):
    data = {**person_data(category="child_of_war", birth_date="1936", fate="unknown",
                          death_date=""), **story_data()}  # fmt: skip
    refused = client.post("/en/memory/stories/new/", data)
    assert "they or their family agree" in " ".join(
        refused.context["story_form"].errors["consent_alive"]
    )
    assert nothing_saved()
    client.post("/en/memory/stories/new/", {**data, "consent_alive": "on"})
    card = Story.objects.get().participant
    assert (card.category, card.status, card.consent_to_publish) == ("child_of_war", "draft", True)


@pytest.mark.django_db
def test_a_front_line_soldier_needs_no_second_consent(archive, client):
    client.post(NEW, {**person_data(), **story_data()})
    assert Story.objects.get().participant.consent_to_publish is False
    page, cards = archive
    form = client.get(f"/ru/memory/{cards['soloviev'].pk}/stories/new/").context["story_form"]
    assert "consent_alive" not in form.fields


@pytest.mark.django_db
def test_a_story_about_a_published_card_of_someone_who_may_be_alive_needs_consent(archive, client):
    page, cards = archive
    url = f"/en/memory/{cards['kuznetsova'].pk}/stories/new/"
    refused = client.post(url, story_data())
    assert refused.context["story_form"].errors["consent_alive"]
    assert not Story.objects.exists()
    client.post(url, story_data(consent_alive="on"))
    assert Story.objects.get().participant == cards["kuznetsova"]
    with pytest.raises(ValidationError):
        stories.story_submit(participant=cards["kuznetsova"], **_submission())


# --- Floods -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_flood_of_stories_from_one_address_is_stopped_and_kept(archive, client):
    page, cards = archive
    url = f"/en/memory/{cards['soloviev'].pk}/stories/new/"
    for number in range(5):
        response = client.post(url, story_data(submitter_email=f"bot{number}@example.org"))
        assert response.status_code == 200
    response = client.post(url, story_data(submitter_email="bot5@example.org", photo_1=jpeg()))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many stories from your address" in html
    assert 'value="bot5@example.org"' in html and "Сержант из Фрунзе" in html
    assert "please choose the photos and documents again" in html
    assert Story.objects.count() == 5


@pytest.mark.django_db
def test_at_most_twenty_unconfirmed_stories_per_e_mail_a_day(archive, client):
    page, cards = archive
    Story.objects.bulk_create(
        Story(participant=cards["soloviev"], text="…", relation="other", submitter_name="Бот",
              submitter_email="flood@example.org", token=f"flood-{number}")
        for number in range(20)
    )  # fmt: skip
    response = client.post(f"/en/memory/{cards['soloviev'].pk}/stories/new/",
                           story_data(submitter_email="Flood@Example.org"))  # fmt: skip
    assert response.status_code == 429
    assert "waiting for confirmation" in response.content.decode()
    assert Story.objects.count() == 20
    # Confirmed stories do not count.
    Story.objects.filter(token="flood-0").update(status="submitted")
    client.post(f"/en/memory/{cards['soloviev'].pk}/stories/new/",
                story_data(submitter_email="flood@example.org"))  # fmt: skip
    assert Story.objects.count() == 21


# --- The private page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_private_pages_are_not_cached_indexed_or_referred(archive, client):
    page, cards = archive
    story = StoryFactory(participant=cards["soloviev"], status="unconfirmed")
    for path in (
        f"/ru/memory/stories/{story.token}/",
        f"/ru/memory/stories/confirm/{story.token}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "private, no-store"
        assert response["Referrer-Policy"] == "same-origin"
        assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert client.get("/ru/memory/stories/no-such-token/").status_code == 404
    assert client.get("/ru/memory/stories/confirm/no-such-token/").status_code == 404
    assert client.post("/ru/memory/stories/confirm/no-such-token/").status_code == 404


@pytest.mark.django_db
def test_html_in_a_story_is_shown_as_text(archive, client):
    page, cards = archive
    story = StoryFactory(participant=cards["soloviev"], text='<script>alert("x")</script>\n\n<b>жирный</b>', moderator_message="<i>курсив</i>", status="needs_changes", reason="more_facts")  # fmt: skip
    html = client.get(f"/ru/memory/stories/{story.token}/").content.decode()
    assert "<script>alert" not in html and "<b>жирный" not in html and "<i>курсив" not in html
    assert "&lt;script&gt;" in html and "&lt;i&gt;курсив&lt;/i&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        ("submitted", "", "The moderators will read your story"),
        ("needs_changes", "source_needed", "Please add a document or an archive reference"),
        ("declined", "not_wwii", "not about a participant of the Great Patriotic War"),
        ("published", "", "Your story is published"),
    ],
)
def test_the_status_page_says_where_the_story_is(archive, client, status, reason, expected):
    page, cards = archive
    story = StoryFactory(participant=cards["soloviev"], status=status, reason=reason, moderator_message="Спасибо, что написали" if reason else "")  # fmt: skip
    html = client.get(f"/en/memory/stories/{story.token}/").content.decode()
    assert expected in html
    if reason:
        assert "Спасибо, что написали" in html
    assert ("Change the story and send it again" in html) == (status == "needs_changes")
    assert (f'/memory/{cards["soloviev"].pk}/"' in html) == (status == "published")


@pytest.mark.django_db
def test_changes_asked_for_are_sent_again_with_a_new_photo(
    archive, client, django_capture_on_commit_callbacks
):
    page, cards = archive
    story = StoryFactory(participant=cards["soloviev"], status="needs_changes", reason="more_facts", moderator_message="Добавьте годы жизни")  # fmt: skip
    url = f"/ru/memory/stories/{story.token}/"
    bad = client.post(url, {"text": "<p>Новый</p>", "photo_1": jpeg()})
    assert bad.status_code == 200 and bad.context["form"].errors["text"]
    story.refresh_from_db()
    assert story.status == "needs_changes"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"title": "Годы жизни", "text": "Родился в 1915 году.",
                                     "photo_1": jpeg(), "caption_1": "1946"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url
    story.refresh_from_db()
    assert (story.status, story.title, story.reason, story.moderator_message) == (
        "submitted", "Годы жизни", "", ""
    )  # fmt: skip
    assert story.photos.get().caption == "1946"
    assert mail.outbox[-1].to == ["anna@example.org"]
    # Once sent, the story is not open to changes any more.
    assert client.post(url, {"text": "Ещё раз"}).status_code == 302
    story.refresh_from_db()
    assert story.text == "Родился в 1915 году."
    with pytest.raises(ValidationError):
        stories.story_resubmit(story=story, text="Снова")


@pytest.mark.django_db
def test_changes_can_bring_the_missing_consent(archive, client):
    page, cards = archive
    card = CardFactory(
        surname="Токтосунова", given_name="Айша", category="child_of_war", status="draft"
    )
    story = StoryFactory(participant=card, status="needs_changes", reason="consent_needed")
    url = f"/ru/memory/stories/{story.token}/"
    assert "consent_alive" in client.get(url).context["form"].fields
    client.post(url, {"text": "История", "consent_alive": "on"})
    card.refresh_from_db()
    assert card.consent_to_publish is True


# --- Privacy ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_photos_lose_their_gps_location(archive, client):
    page, cards = archive
    upload = jpeg(gps=True)
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload.seek(0)
    client.post(f"/ru/memory/{cards['soloviev'].pk}/stories/new/", story_data(photo_1=upload))
    photo = Photo.objects.get()
    for stored in (photo.image, photo.thumbnail):
        with stored.open("rb") as file:
            data = file.read()
        assert b"Exif" not in data
        assert not Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)


# --- Demo ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_letters_speak_the_language_the_story_was_written_in(
    archive, client, django_capture_on_commit_callbacks
):
    page, cards = archive
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/memory/{cards['soloviev'].pk}/stories/new/", story_data())
    assert Story.objects.get().language == "en"
    assert mail.outbox[0].subject == "Please confirm your e-mail to send the story"


@pytest.mark.django_db
def test_the_status_page_queries_do_not_grow_with_photos(archive, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sovet.core.images import check_image

    page, cards = archive
    story = StoryFactory(participant=cards["soloviev"])
    url = f"/ru/memory/stories/{story.token}/"
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    stories._attach(story, [(check_image(jpeg()), "один")], [(pdf(), "a.pdf")], [])
    one = count()
    stories._attach(
        story, [(check_image(jpeg()), str(n)) for n in range(3)], [(pdf(), "b.pdf")], []
    )
    assert count() == one
