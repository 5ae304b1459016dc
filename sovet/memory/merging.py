"""Joining two cards about one person into one, and undoing it.

A merge moves everything attached to the merged card (stories, source records, photos, open
reports) to the kept card, adds the merged card's spellings of the name to the kept card, fills the
kept card's empty facts from the merged card and marks the merged card MERGED. `CardMerge.moved`
records all of it, so `undo_merge` can put every item back where it was.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import (
    CardMerge,
    CardReport,
    CardStatus,
    Fate,
    ModerationAction,
    Photo,
    SourceRecord,
    Story,
    WarParticipant,
)

# The facts a merge copies to the kept card where it has none; never overwritten.
FILLED_FIELDS = (
    "given_name",
    "patronymic",
    "birth_date",
    "birth_place",
    "conscription_date",
    "conscription_place",
    "rank",
    "units",
    "fronts",
    "awards",
    "fate",
    "death_date",
    "death_place",
    "burial_place",
    "next_of_kin",
    "biography",
    "region",
)

# What travels with a card: the key in CardMerge.moved → the model and its card field.
MOVED = {
    "stories": (Story, "participant"),
    "sources": (SourceRecord, "participant"),
    "photos": (Photo, "participant"),
    "reports": (CardReport, "participant"),
}


def _stored(card: WarParticipant, name: str):
    """A fact as JSON can keep it: "" (or Fate.UNKNOWN) when the card does not know it."""
    if name == "region":
        return card.region_id
    value = getattr(card, name)
    return "" if value is None else str(value)


def _is_empty(card: WarParticipant, name: str) -> bool:
    value = _stored(card, name)
    if name == "fate":
        return value == Fate.UNKNOWN
    return value in ("", None)


def _set(card: WarParticipant, name: str, value) -> None:
    if name == "region":
        card.region_id = value
    else:
        setattr(card, name, WarParticipant._meta.get_field(name).to_python(value))


def _empty_value(name: str):
    if name == "region":
        return None
    return Fate.UNKNOWN if name == "fate" else ""


def fields_to_fill(kept: WarParticipant, merged: WarParticipant) -> list[str]:
    """The facts the kept card lacks and the merged card knows."""
    return [name for name in FILLED_FIELDS if _is_empty(kept, name) and not _is_empty(merged, name)]


def _locked(*pks: int) -> dict[int, WarParticipant]:
    """The cards' rows, locked until the transaction ends (in primary-key order: no deadlocks)."""
    cards = WarParticipant.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    return {card.pk: card for card in cards}


def _added_variants(kept: WarParticipant, merged: WarParticipant) -> list[str]:
    """The merged card's spellings the kept card does not have yet."""
    known = {kept.full_name.casefold(), *(v.casefold() for v in kept.variant_list)}
    added = []
    for spelling in [merged.full_name, *merged.variant_list]:
        if spelling and spelling.casefold() not in known:
            known.add(spelling.casefold())
            added.append(spelling)
    return added


def merge_cards(kept: WarParticipant, merged: WarParticipant, user) -> CardMerge:
    """Join `merged` into `kept`. Raises ValidationError for the same card or a merged card."""
    if kept.pk == merged.pk:
        raise ValidationError(
            _("A card cannot be merged with itself: choose another card."), code="same_card"
        )
    with transaction.atomic():
        cards = _locked(kept.pk, merged.pk)
        kept, merged = cards[kept.pk], cards[merged.pk]
        for card in (kept, merged):
            if card.status == CardStatus.MERGED:
                raise ValidationError(
                    _(
                        "The card “%(card)s” (no. %(pk)s) is already merged into another card: "
                        "merge with that card instead."
                    )
                    % {"card": card.full_name, "pk": card.pk},
                    code="already_merged",
                )
        moved = {}
        for key, (model, field) in MOVED.items():
            items = model.objects.filter(**{field: merged})
            if model is CardReport:
                items = items.filter(resolved_at__isnull=True)  # closed reports stay as they were
            pks = sorted(items.values_list("pk", flat=True))
            model.objects.filter(pk__in=pks).update(**{field: kept})
            moved[key] = pks
        filled = {}
        for name in fields_to_fill(kept, merged):
            _set(kept, name, _stored(merged, name))
            filled[name] = _stored(kept, name)
        previous_variants = kept.name_variants
        added = _added_variants(kept, merged)
        if added:
            kept.name_variants = "\n".join([*kept.variant_list, *added])
        moved.update(
            name_variants=previous_variants,
            name_variants_after=kept.name_variants,
            added_variants=added,
            filled=filled,
        )
        merge = CardMerge.objects.create(
            kept=kept, merged=merged, merged_status=merged.status, moved=moved, by=user
        )
        merged.status = CardStatus.MERGED
        merged.merged_into = kept
        services.participant_save(kept)
        services.participant_save(merged)
        services.photos_changed(kept)
        services.photos_changed(merged)
        services.log_action(
            user,
            ModerationAction.MERGE,
            participant=kept,
            note=f"№{merged.pk} {merged.full_name} → №{kept.pk} {kept.full_name}",
        )
    return merge


def undo_merge(merge: CardMerge, user) -> CardMerge:
    """Put back what `merge` moved and changed. Raises ValidationError when it was undone already
    or one of its cards has been merged into another card since."""
    with transaction.atomic():
        merge = CardMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise ValidationError(_("This merge has already been undone."), code="undone")
        cards = _locked(merge.kept_id, merge.merged_id)
        kept, merged = cards[merge.kept_id], cards[merge.merged_id]
        for card, allowed_target in ((kept, None), (merged, kept.pk)):
            if card.status == CardStatus.MERGED and card.merged_into_id != allowed_target:
                raise ValidationError(
                    _(
                        "The card “%(card)s” (no. %(pk)s) has been merged into another card "
                        "since: undo that merge first."
                    )
                    % {"card": card.full_name, "pk": card.pk},
                    code="merged_since",
                )
        moved = merge.moved
        for key, (model, field) in MOVED.items():
            # Only what is still on the kept card: a deleted story stays deleted.
            model.objects.filter(pk__in=moved.get(key, []), **{field: kept}).update(
                **{field: merged}
            )
        # A fact edited since the merge is the moderator's work: only untouched ones go back.
        for name, value in moved.get("filled", {}).items():
            if _stored(kept, name) == value:
                _set(kept, name, _empty_value(name))
        if kept.name_variants == moved.get("name_variants_after", kept.name_variants):
            kept.name_variants = moved.get("name_variants", kept.name_variants)
        else:
            # Edited (or merged with a third card) since: take out only this merge's spellings.
            added = {v.casefold() for v in moved.get("added_variants", [])}
            kept.name_variants = "\n".join(
                v for v in kept.variant_list if v.casefold() not in added
            )
        merged.status = merge.merged_status
        merged.merged_into = None
        services.participant_save(kept)
        services.participant_save(merged)
        services.photos_changed(kept)
        services.photos_changed(merged)
        merge.undone_at = timezone.now()
        merge.undone_by = user if user is not None and user.is_authenticated else None
        merge.save(update_fields=["undone_at", "undone_by"])
        services.log_action(
            user,
            ModerationAction.UNDO_MERGE,
            participant=merged,
            note=f"№{merged.pk} {merged.full_name} ← №{kept.pk} {kept.full_name}",
        )
    return merge
