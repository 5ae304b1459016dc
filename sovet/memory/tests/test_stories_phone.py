"""A phone is enough to send a family story (core.reach): with no e-mail there is nothing to
confirm, so the story goes straight to the moderators' queue, marked to call back; the rate limit
still counts first, moderation still holds, and only moderators ever see the number."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff, page_text
from sovet.memory.models import ModerationLogEntry, Story
from sovet.memory.stories import services as stories

from .test_stories import NEW, archive, jpeg, nothing_saved, person_data, story_data

__all__ = ["archive"]  # the fixture, used by name

PHONE, STORED = "0555 123 456", "+996555123456"
QUEUE = "/admin/memory/queue/"


def add_url(cards, language="ru"):
    return f"/{language}/memory/{cards['soloviev'].pk}/stories/new/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "phone", "status"),
    [
        ("", PHONE, "submitted"),
        ("anna.secret@example.org", "", "unconfirmed"),
        ("anna.secret@example.org", PHONE, "unconfirmed"),
    ],
)
def test_a_phone_an_email_or_both_are_enough(
    archive, client, django_capture_on_commit_callbacks, email, phone, status
):
    _page, cards = archive
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url(cards), story_data(submitter_email=email, submitter_phone=phone)
        )
    assert response.status_code == 200
    story = Story.objects.get()
    assert (story.submitter_email, story.submitter_phone) == (email, STORED if phone else "")
    assert story.status == status
    assert len(mail.outbox) == (1 if email else 0)
    assert story.phone_only == (not email)


@pytest.mark.django_db
def test_phone_only_goes_straight_to_the_queue_and_gets_its_link_on_the_page(
    archive, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            NEW, {**person_data(), **story_data(submitter_email="", submitter_phone=PHONE)}
        )
    story = Story.objects.get()
    assert story.status == "submitted" and story.submitted_at and story.confirmed_at is None
    page = page_text(response, "История передана модераторам", f"/ru/memory/stories/{story.token}/")
    assert "подтвердите" not in page.lower()
    assert response["Cache-Control"] == "private, no-store"
    assert not mail.outbox
    status = page_text(client.get(f"/ru/memory/stories/{story.token}/"), "Петренко Иван Архипович")
    assert "555" not in status  # the submitter's page never shows the number
    assert story.participant.status == "draft"  # moderation still holds


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phone", "field", "words"),
    [("", "submitter_email", "Give an e-mail or a phone number"),
     ("12", "submitter_phone", "Enter a phone number")],
)  # fmt: skip
def test_neither_or_a_bad_phone_is_refused_and_the_typing_kept(
    archive, client, phone, field, words
):
    _page, cards = archive
    response = client.post(
        add_url(cards, "en"), story_data(submitter_email="", submitter_phone=phone)
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["story_form"].errors[field])
    page_text(response, "Сержант из Фрунзе", "Анна Петрова-Секретная", f'value="{phone}"')
    assert nothing_saved()


@pytest.mark.django_db
def test_the_service_refuses_neither(archive):
    _page, cards = archive
    with pytest.raises(ValidationError) as error:
        stories.story_submit(
            participant=cards["soloviev"], text="…", relation="other", submitter_name="Анна",
            consent=True,
        )  # fmt: skip
    assert error.value.code == "no_contact"
    assert nothing_saved()


@pytest.mark.django_db
def test_a_flood_of_phone_only_stories_is_stopped_first(archive, client):
    _page, cards = archive
    for number in range(5):  # views.STORY_LIMIT
        client.post(
            add_url(cards), story_data(submitter_email="", submitter_phone=f"0555 000 00{number}")
        )
    response = client.post(
        add_url(cards, "en"),
        story_data(submitter_email="", submitter_phone="0700 123 456", photo_1=jpeg()),
    )
    page_text(response, "Too many stories from your address", 'value="0700 123 456"', status=429)
    assert Story.objects.count() == 5


@pytest.mark.django_db
def test_moderators_see_the_phone_and_mark_the_call_others_cannot(
    archive, client, moderator, django_capture_on_commit_callbacks
):
    _page, cards = archive
    client.post(add_url(cards), story_data(submitter_email="", submitter_phone=PHONE))
    story = Story.objects.get()
    review = f"/admin/memory/stories/{story.pk}/"

    editor = make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(editor)
    assert client.post(review, {"called_back": story.pk}).status_code == 403
    story.refresh_from_db()
    assert story.called_back_at is None

    client.force_login(moderator)
    queue = page_text(client.get(QUEUE + "?status=submitted"), "Только телефон: перезвонить")
    assert review in queue
    page_text(
        client.get(review), 'href="tel:+996555123456"', "+996 555 123 456", "Отметить: перезвонили"
    )
    response = client.post(review + "?queue=status%3Dsubmitted", {"called_back": story.pk})
    assert response.status_code == 302 and "queue=" in response["Location"]
    story.refresh_from_db()
    assert story.called_back_by == moderator and story.called_back_at
    assert ModerationLogEntry.objects.filter(action="called_back", story=story).count() == 1
    page_text(client.get(review), "Перезвонили")
    queue = page_text(client.get(QUEUE + "?status=submitted"), "Соловьёв")
    assert "Только телефон: перезвонить" not in queue
    assert stories.story_called_back(story=story, by=moderator) is False  # once is enough
    assert ModerationLogEntry.objects.filter(action="called_back").count() == 1

    # The decision still is the moderator's, and nobody is e-mailed about it.
    with django_capture_on_commit_callbacks(execute=True):
        stories.story_approve(story=story, user=moderator)
    story.refresh_from_db()
    assert story.status == "published" and not mail.outbox
