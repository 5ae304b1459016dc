"""The memory factories make what the app would: cards found by name, clean photos."""

import io

import pytest
from PIL import Image

from sovet.memory.names.search import search

from .factories import (
    CardFactory,
    CardReportFactory,
    PhotoFactory,
    SoldierCardFactory,
    SourceRecordFactory,
    StoryCardFactory,
    StoryDocumentFactory,
    StoryFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [CardFactory, StoryCardFactory, SoldierCardFactory, SourceRecordFactory, StoryFactory,
     PhotoFactory, StoryDocumentFactory, CardReportFactory],
)  # fmt: skip
def test_each_factory_makes_a_valid_object(factory):
    factory().full_clean()


@pytest.mark.django_db
def test_a_card_is_saved_with_its_name_keys_and_found():
    card = SoldierCardFactory()
    assert card.name_keys.exists() and card.birth_year == 1921
    assert [found.pk for found in search("Петров Иван Сергеевич")] == [card.pk]


@pytest.mark.django_db
def test_a_story_about_someone_new_brings_a_draft_card():
    story = StoryFactory(new_person=True)
    assert story.new_card and story.participant.status == "draft"
    assert not StoryFactory().new_card and StoryFactory().participant.status == "published"


@pytest.mark.django_db
def test_a_photo_is_stored_clean_and_the_card_knows_it_has_one():
    photo = PhotoFactory(size=(300, 400))
    assert photo.is_public and photo.participant.has_photo
    with photo.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG" and image.size == (300, 400) and not image.getexif()
    waiting = PhotoFactory(story=StoryFactory(new_person=True))
    assert not waiting.is_public and waiting.participant == waiting.story.participant


@pytest.mark.django_db
def test_a_closed_report_is_resolved():
    assert CardReportFactory(closed=True).resolved_at and not CardReportFactory().resolved_at
