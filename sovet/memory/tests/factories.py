"""Objects of the memory archive the tests make: cards, their archive records, stories with
their photos and proof documents, and visitors' reports.

Cards are saved through `services.participant_save`, as the app saves them, so the search finds
them by their name keys; photos are stored as the app stores them (a clean JPEG and its copy).
"""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from sovet.core.images import set_image
from sovet.memory import services
from sovet.memory.models import (
    CardReport,
    CardStatus,
    Photo,
    SourceRecord,
    Story,
    StoryDocument,
    StoryStatus,
    WarParticipant,
)

# A PDF a family sends as proof: small, and a PDF to anything that reads its first bytes.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CardFactory(DjangoModelFactory):
    """A published card: a surname and what the test gives besides."""

    class Meta:
        model = WarParticipant
        skip_postgeneration_save = True

    surname = "Тестов"
    status = CardStatus.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **fields):
        return services.card_save(card=model_class(*args, **fields))


class StoryCardFactory(CardFactory):
    """The card a family's story brings about someone not yet in the archive: a name and a
    year, a draft until a moderator publishes it."""

    status = CardStatus.DRAFT
    given_name = "Иван"
    patronymic = "Петрович"
    birth_date = "1920"


class SoldierCardFactory(CardFactory):
    """A front-line soldier's full card, as a placard prints it: rank, awards, killed in 1943."""

    surname = "Петров"
    given_name = "Иван"
    patronymic = "Сергеевич"
    birth_date = "1921"
    death_date = "1943-07"
    rank = "гвардии сержант"
    awards = 'Орден "Красной Звезды"\nМедаль "За отвагу" 1943 г.'
    fate = "killed"


class SourceRecordFactory(DjangoModelFactory):
    """What one archive document says about the person."""

    class Meta:
        model = SourceRecord

    participant = factory.SubFactory(CardFactory)
    kind = "award"
    archive = "ЦАМО"


class StoryFactory(DjangoModelFactory):
    """A family's story about a card, sent and confirmed an hour ago (``age_minutes``), waiting
    for the moderators. ``new_person=True``: about someone new, with the draft card it brings."""

    class Meta:
        model = Story

    class Params:
        age_minutes = 60
        new_person = factory.Trait(participant=factory.SubFactory(StoryCardFactory), new_card=True)

    participant = factory.SubFactory(CardFactory)
    new_card = False
    text = "Дедушка прошёл всю войну."
    relation = "grandchild"
    submitter_name = "Анна"
    submitter_email = "anna@example.org"
    signature = "внучка Анна"
    consent = True
    status = StoryStatus.SUBMITTED
    submitted_at = factory.LazyAttribute(
        lambda story: timezone.now() - timedelta(minutes=story.age_minutes)
    )


class PhotoFactory(DjangoModelFactory):
    """A portrait photo on a card, stored as the app stores photos; shown on the card, unless it
    came with a story (then it is the story's card's, and waits for the moderators). The card's
    "has photo" flag follows, as the app's services keep it."""

    class Meta:
        model = Photo

    class Params:
        size = (300, 400)

    story = None
    participant = factory.Maybe(
        "story",
        yes_declaration=factory.LazyAttribute(lambda photo: photo.story.participant),
        no_declaration=factory.SubFactory(CardFactory),
    )
    is_public = factory.LazyAttribute(lambda photo: photo.story is None)
    picture = factory.LazyAttribute(lambda photo: Image.new("RGB", photo.size, "gray"))

    @classmethod
    def _create(cls, model_class, *args, picture, **fields):
        photo = model_class(*args, **fields)
        set_image(photo, picture)
        photo.save()
        services.card_photos_changed(card=photo.participant)
        return photo


class StoryDocumentFactory(DjangoModelFactory):
    """A scan that proves a story: a PDF, never public."""

    class Meta:
        model = StoryDocument

    story = factory.SubFactory(StoryFactory, new_person=True)
    name = "извещение.pdf"
    file = factory.LazyAttribute(lambda document: ContentFile(PDF, name=document.name))


class CardReportFactory(DjangoModelFactory):
    """A visitor's report about a card; ``closed=True``: a moderator has closed it."""

    class Meta:
        model = CardReport

    class Params:
        closed = False

    participant = factory.SubFactory(CardFactory)
    reason = "duplicate"
    resolved_at = factory.LazyAttribute(lambda report: timezone.now() if report.closed else None)
