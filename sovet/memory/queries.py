"""What the archive's pages read: a person's card, the published cards, first photos; who
moderates."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from sovet.accounts.roles import Role
from sovet.core.text import fold_name

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


# -- Browsing by the filters alone (no name typed) ----------------------------------------------
# The archive may hold 100,000 cards and more: every filter and every count is done by the
# database, in a fixed number of queries whatever the filters; no card is read into Python but
# those of the page shown.

# The filters the database compares directly, as the search form names them.
_DIRECT = {
    "region": lambda value: Q(region=value),
    "fate": lambda value: Q(fate=value),
    "category": lambda value: Q(category=value),
    "has_photo": lambda value: Q(has_photo=True),
}


class Browse:
    """The published cards passing the search form's filters (`SearchForm.filters()`), with how
    many each choice of a filter would leave, the other filters kept.

    Ranks and places are written freely and compared folded (core.text.fold_name), which SQLite
    cannot do: their spellings are read from the database (few: grouped), folded here, and the
    matching spellings compared as they are written."""

    def __init__(self, filters: dict):
        self.filters = filters
        self._place = self._place_condition(filters.get("place", ""))
        # The rank's choices come first: the spellings of the chosen rank are among them.
        self.rank_counts = self._rank_counts()

    def cards(self) -> QuerySet[WarParticipant]:
        """The cards passing every filter, in the archive's order (surname, name…)."""
        return self._passing().select_related("region")

    def counts(self) -> dict:
        """For the form's `show_counts`: each choice's count, the other filters kept."""
        return {
            "region": self._grouped("region", "region_id"),
            "fate": self._grouped("fate", "fate"),
            "category": self._grouped("category", "category"),
            "has_photo": self._passing(skip="has_photo").filter(has_photo=True).count(),
        }

    def _passing(self, *, skip: str = "") -> QuerySet[WarParticipant]:
        filters, condition = self.filters, Q()
        born_from, born_to = filters.get("born_from"), filters.get("born_to")
        if skip != "born" and born_from:
            condition &= Q(birth_year__gte=born_from)
        if skip != "born" and born_to:
            condition &= Q(birth_year__lte=born_to)
        if skip != "place" and self._place is not None:
            condition &= self._place
        if skip != "rank" and filters.get("rank"):
            spellings = [
                spelling for spelling, key, _count in self.rank_counts if key == filters["rank"]
            ]
            condition &= Q(rank__in=spellings)
        for name, make in _DIRECT.items():
            if name != skip and filters.get(name):
                condition &= make(filters[name])
        return published().filter(condition)

    def _grouped(self, skip: str, column: str) -> dict:
        rows = self._passing(skip=skip).order_by().values_list(column).annotate(count=Count("pk"))
        return dict(rows)

    def _rank_counts(self) -> list[tuple[str, str, int]]:
        """(spelling, folded key, count) of every rank written on the cards the other filters
        leave, most frequent first."""
        rows = self._passing(skip="rank").order_by().values_list("rank").annotate(count=Count("pk"))
        found = [(rank, fold_name(rank), count) for rank, count in rows]
        return sorted(found, key=lambda row: (-row[2], row[0]))

    @staticmethod
    def _place_condition(text: str) -> Q | None:
        """The cards whose place of birth or of conscription holds `text` (folded), or None when
        no place is asked for."""
        if not text:
            return None
        condition = Q(pk__in=[])  # nothing, unless a spelling matches
        for field in ("birth_place", "conscription_place"):
            spellings = (
                published()
                .exclude(**{field: ""})
                .order_by()
                .values_list(field, flat=True)
                .distinct()
            )
            matching = [spelling for spelling in spellings if text in fold_name(spelling)]
            if matching:
                condition |= Q(**{f"{field}__in": matching})
        return condition


def people_count() -> int:
    """How many people the archive shows."""
    return published().count()


def recent_cards(count: int = 6) -> list[WarParticipant]:
    """The cards added last, with their first public photo (`card.first_photo`)."""
    cards = list(published().select_related("region").order_by("-pk")[:count])
    photos = first_photos(cards)
    for card in cards:
        card.first_photo = photos.get(card.pk)
    return cards


def recent_stories(count: int = 3) -> list[Story]:
    """The stories published last, on published cards (never who sent them: the templates show
    the title, the text and the signature only)."""
    return list(
        Story.objects.filter(status=StoryStatus.PUBLISHED, participant__status=CardStatus.PUBLISHED)
        .select_related("participant")
        .order_by("-published_at", "-pk")[:count]
    )
