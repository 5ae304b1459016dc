"""Photos and proof documents sent with a story go through core.images: a damaged EXIF is no
error, a proof that is an image loses its GPS, a decompression bomb is refused; the rate limit
counts before any image is opened."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Site

from sovet.core.tests.images import bomb_png, damaged_exif_jpeg, gps_jpeg, has_gps, upload
from sovet.memory import services
from sovet.memory.models import MemoryIndexPage, Photo, Story, StoryDocument, WarParticipant

SENT = "Please confirm your e-mail"


@pytest.fixture
def card(db):
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    return services.card_save(
        card=WarParticipant(
            surname="Соловьёв", given_name="Фёдор", birth_date="1915", status="published"
        )
    )


def new_story_url(card) -> str:
    return f"/en/memory/{card.pk}/stories/new/"


def story(**changes) -> dict:
    data = {
        "title": "Сержант из Фрунзе",
        "text": "Дедушка вернулся с войны в 1945 году.",
        "relation": "grandchild",
        "submitter_name": "Анна",
        "submitter_email": "anna@example.org",
        "consent": "on",
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def stored(field) -> bytes:
    with field.open("rb") as file:
        return file.read()


@pytest.mark.django_db
def test_a_photo_with_damaged_exif_is_sent_upright(card, client):
    response = client.post(new_story_url(card), story(photo_1=upload("a.jpg", damaged_exif_jpeg())))
    assert response.status_code == 200 and SENT in response.content.decode()
    photo = Photo.objects.get()
    with Image.open(photo.image.path) as image:
        assert image.size == (20, 40)  # turned as the camera said


@pytest.mark.django_db
def test_a_proof_that_is_a_photo_loses_its_gps(card, client):
    assert has_gps(gps_jpeg())
    scan = upload("scan.jpeg", gps_jpeg())
    response = client.post(new_story_url(card), story(document_1=scan))
    assert response.status_code == 200 and SENT in response.content.decode()
    document = StoryDocument.objects.get()
    data = stored(document.file)
    assert not has_gps(data) and b"PhoneMaker" not in data
    assert document.name == "scan.jpg"


@pytest.mark.django_db
def test_a_proof_that_is_a_decompression_bomb_is_refused_and_the_text_kept(card, client):
    bomb = upload("scan.png", bomb_png(), "image/png")
    response = client.post(new_story_url(card), story(document_1=bomb))
    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["story_form"].errors["document_1"])
    assert "Дедушка вернулся с войны" in response.content.decode()
    assert not Story.objects.exists() and not StoryDocument.objects.exists()


@pytest.mark.django_db
def test_over_the_limit_no_image_is_opened(card, client, monkeypatch):
    for number in range(5):  # story_views.STORY_LIMIT
        sent = client.post(new_story_url(card), story(submitter_email=f"a{number}@example.org"))
        assert sent.status_code == 200 and SENT in sent.content.decode()
    photos = {f"photo_{n}": upload(f"{n}.jpg", gps_jpeg()) for n in (1, 2, 3)}
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("an image was opened"))
    response = client.post(new_story_url(card), story(title="Шестая", **photos))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many stories from your address" in html and "Шестая" in html
    assert Story.objects.count() == 5


@pytest.mark.django_db
def test_invalid_posts_count_too(card, client):
    # Images are decoded while the form is validated, so a refused form costs as much.
    for _ in range(5):
        response = client.post(new_story_url(card), story(consent=None))
        assert response.status_code == 200 and response.context["story_form"].errors
    response = client.post(new_story_url(card), story())
    assert response.status_code == 429 and not Story.objects.exists()


@pytest.mark.django_db
def test_changes_over_the_limit_open_no_image(card, client, monkeypatch):
    sent = Story.objects.create(
        participant=card, text="История", relation="child", submitter_name="Анна",
        submitter_email="anna@example.org", status="needs_changes", reason="more_facts",
    )  # fmt: skip
    url = f"/en/memory/stories/{sent.token}/"
    for _ in range(10):  # story_views.CHANGES_LIMIT
        refused = client.post(url, {"text": "<b>not plain</b>"})
        assert refused.status_code == 200 and refused.context["form"].errors["text"]
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("an image was opened"))
    photo = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff not opened", content_type="image/jpeg")
    response = client.post(url, {"text": "Родился в 1915 году.", "photo_1": photo})
    assert response.status_code == 429
    assert "Too many changes" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    sent.refresh_from_db()
    assert sent.status == "needs_changes"
