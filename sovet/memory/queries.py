"""What the archive's pages read: a person's card, the published cards, first photos; who
moderates."""

from collections import Counter

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

# The filters with counts in their choices (the form's `show_counts`), and their columns.
FACETS = {"region": "region_id", "fate": "fate", "category": "category", "has_photo": "has_photo"}


class Browse:
    """The published cards passing the search form's filters (`SearchForm.filters()`), with how
    many each choice of a filter would leave, the other filters kept.

    Every count comes from one query: the cards passing the filters without counts (years,
    place) grouped by the columns of those with counts (and the rank), read from one index
    (`memory_card_browse`) without the table; each choice's count is then summed here from the
    groups that pass the other filters. Ranks and places are written freely and compared folded
    (core.text.fold_name), which SQLite cannot do: the ranks' spellings are in the groups, the
    places' are read grouped; the matching spellings are compared as they are written."""

    def __init__(self, filters: dict):
        self.filters = filters
        self._place = self._place_condition(filters.get("place", ""))
        columns = [*FACETS.values(), "rank"]
        self._groups = [
            dict(zip([*FACETS, "rank", "count"], row, strict=True))
            for row in self._uncounted()
            .order_by()
            .values_list(*columns)
            .annotate(count=Count("pk"))
        ]
        for group in self._groups:
            group["rank_key"] = fold_name(group["rank"])

    def cards(self) -> QuerySet[WarParticipant]:
        """The cards passing every filter, in the archive's order (surname, name…)."""
        condition = Q()
        for name, column in FACETS.items():
            value = self.filters.get(name)
            if value:
                condition &= Q(**{column: value.pk if name == "region" else value})
        if self.filters.get("rank"):
            condition &= Q(rank__in=self._rank_spellings())
        return self._uncounted().filter(condition).select_related("region")

    def total(self) -> int:
        return sum(group["count"] for group in self._groups if self._passes(group))

    def counts(self) -> dict:
        """For the form's `show_counts`: each choice's count, the other filters kept."""
        counts = {name: Counter() for name in FACETS}
        for group in self._groups:
            for name in FACETS:
                if self._passes(group, skip=name):
                    counts[name][group[name]] += group["count"]
        counts["has_photo"] = counts["has_photo"][True]
        return counts

    @property
    def rank_counts(self) -> list[tuple[str, str, int]]:
        """(spelling, folded key, count) of every rank written on the cards the other filters
        leave, most frequent first."""
        ranks = Counter()
        for group in self._groups:
            if self._passes(group, skip="rank"):
                ranks[group["rank"]] += group["count"]
        found = [(rank, fold_name(rank), count) for rank, count in ranks.items()]
        return sorted(found, key=lambda row: (-row[2], row[0]))

    def _passes(self, group: dict, *, skip: str = "") -> bool:
        for name in (*FACETS, "rank"):
            value = self.filters.get(name)
            if name == skip or not value:
                continue
            if name == "region":
                value = value.pk
            elif name == "rank":
                name = "rank_key"
            if group[name] != value:
                return False
        return True

    def _rank_spellings(self) -> list[str]:
        key = self.filters["rank"]
        return sorted({group["rank"] for group in self._groups if group["rank_key"] == key})

    def _uncounted(self) -> QuerySet[WarParticipant]:
        """The published cards passing the filters without counts: the years and the place."""
        born_from, born_to = self.filters.get("born_from"), self.filters.get("born_to")
        condition = Q()
        if born_from:
            condition &= Q(birth_year__gte=born_from)
        if born_to:
            condition &= Q(birth_year__lte=born_to)
        if self._place is not None:
            condition &= self._place
        return published().filter(condition)

    @staticmethod
    def _place_condition(text: str) -> Q | None:
        """The cards whose place of birth or of conscription holds `text` (folded), or None when
        no place is asked for."""
        if not text:
            return None
        # One reading of the places written on the cards (grouped: far fewer than the cards).
        pairs = published().order_by().values_list("birth_place", "conscription_place").distinct()
        births, conscriptions = set(), set()
        for birth, conscription in pairs:
            if birth and text in fold_name(birth):
                births.add(birth)
            if conscription and text in fold_name(conscription):
                conscriptions.add(conscription)
        return Q(birth_place__in=sorted(births)) | Q(conscription_place__in=sorted(conscriptions))


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
