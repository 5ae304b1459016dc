"""What the archive's pages read: a person's card, the published cards, first photos; who
moderates."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from sovet.accounts.roles import Role

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


def moderator_emails() -> list[str]:
    """Active memory moderators; the Council's address when there are none."""
    emails = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=str(Role.MEMORY_MODERATOR))
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(emails) or [settings.COUNCIL_EMAIL]
