"""The demo's family stories: in every state, loaded once, and who sent them never public."""

import io
import re

import pytest

from sovet.core.testing import page_text
from sovet.memory.models import (
    Photo,
    Story,
    WarParticipant,
)

# --- Privacy ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_submitters_name_and_e_mail_are_never_public(demo, client):
    published = Story.objects.filter(status="published").select_related("participant").first()
    card = published.participant
    shown = {  # what each page shows of the card: the story, the link from the results
        f"/ru/memory/{card.pk}/": published.signature,
        f"/ru/memory/?q={card.surname}": f'href="/ru/memory/{card.pk}/"',
    }
    for path, piece in shown.items():
        html = page_text(client.get(path), piece)
        assert published.submitter_email not in html and published.submitter_name not in html


# --- Demo ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_has_stories_in_every_state_and_loads_once(demo):
    from django.core.management import call_command

    statuses = list(Story.objects.values_list("status", flat=True))
    for status in ("unconfirmed", "submitted", "needs_changes", "published", "declined"):
        assert statuses.count(status) >= 2, status
    assert Story.objects.filter(new_card=True, status="submitted").exists()
    assert not Story.objects.filter(new_card=True, participant__status="published").exists()
    assert Photo.objects.filter(story__status="submitted", is_public=False).exists()
    public = Photo.objects.filter(is_public=True)
    assert public.exists() and all(photo.participant.has_photo for photo in public)
    assert all(s.reason for s in Story.objects.filter(status__in=["needs_changes", "declined"]))
    counts = (Story.objects.count(), Photo.objects.count(), WarParticipant.objects.count())
    call_command("load_demo", force=True, stdout=io.StringIO())
    assert (Story.objects.count(), Photo.objects.count(), WarParticipant.objects.count()) == counts


@pytest.mark.django_db
def test_the_new_person_form_names_every_field_it_requires(demo, client):
    """Its words once said only the surname and the given name were required (issue 15, 10)."""
    from django.utils import translation

    from sovet.memory.stories.forms import NewPersonForm, StoryForm

    response = client.get("/ru/memory/stories/new/", {"surname": "Новиков", "given_name": "Ян"})
    page = response.content.decode()
    assert response.status_code == 200 and "Поля со звёздочкой (*) обязательны" in page
    assert "Обязательны только фамилия и имя" not in page
    with translation.override("en"):
        words = client.get("/en/memory/stories/new/", {"surname": "Новиков", "given_name": "Ян"})
        sentence = re.search(r"Fields marked \* must be filled in: ([^<]+)", words.content.decode())
    assert sentence, "the form says which fields are required"
    said = sentence.group(1)
    named = {"surname": "surname", "given_name": "given name", "fate": "fate",
             "category": "category", "text": "story", "relation": "who you are",
             "submitter_name": "your name", "consent": "consent"}  # fmt: skip
    required = {name for form in (NewPersonForm(), StoryForm()) for name, field in
                form.fields.items() if field.required}  # fmt: skip
    assert required == set(named)  # a new required field must be named in the sentence too
    for name in required:
        assert named[name] in said, name
    assert "e-mail or phone" in said  # one of the two is required (core.reach)
