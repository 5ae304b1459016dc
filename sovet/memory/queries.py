"""What the archive's pages read: a person's card, the published cards, first photos."""

from django.db.models import Prefetch, QuerySet

from .models import CardStatus, Photo, Story, StoryStatus, WarParticipant


def first_photos(cards) -> dict[int, Photo]:
    """The first public photo of each card that has one, in one query."""
    wanted = [card.pk for card in cards if card.has_photo]
    photos = {}
    for photo in Photo.objects.filter(participant_id__in=wanted, is_public=True).order_by(
        "-position", "-pk"
    ):
        photos[photo.participant_id] = photo  # the last written is the first in order
    return photos


def published() -> QuerySet[WarParticipant]:
    return WarParticipant.objects.filter(status=CardStatus.PUBLISHED)


def person(pk: int) -> WarParticipant | None:
    """A card as its page shows it: published or merged (the page then leads to the kept card)."""
    return (
        WarParticipant.objects.filter(pk=pk, status__in=[CardStatus.PUBLISHED, CardStatus.MERGED])
        .select_related("region")
        .prefetch_related(
            "sources",
            Prefetch(
                "photos", queryset=Photo.objects.filter(is_public=True), to_attr="public_photos"
            ),
            Prefetch(
                "stories",
                queryset=Story.objects.filter(status=StoryStatus.PUBLISHED).order_by(
                    "published_at", "pk"
                ),
                to_attr="published_stories",
            ),
        )
        .first()
    )
