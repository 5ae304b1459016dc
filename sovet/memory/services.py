"""Every change to the archive's cards goes through here: a card and the keys its names are found
by, merging two cards and undoing it, visitors' reports and the moderators' answers, a card's
photos, the moderation log. Family stories have their own: stories/services.py.
"""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from sovet.core.images import set_image

from . import tasks
from .models import (
    CardMerge,
    CardReport,
    CardStatus,
    Fate,
    ModerationAction,
    ModerationLogEntry,
    NameKey,
    Photo,
    ReportReason,
    SourceRecord,
    Story,
    WarParticipant,
)
from .names.keys import index_keys

# -- Cards ------------------------------------------------------------------------------------


def card_save(*, card: WarParticipant) -> WarParticipant:
    """Save a card and the keys its names are found by, together."""
    # The field may still hold what was typed ("1921"): read it as the field does.
    birth = WarParticipant._meta.get_field("birth_date").to_python(card.birth_date)
    card.birth_year = birth.earliest().year if birth else None
    with transaction.atomic():
        card.save()
        card.name_keys.all().delete()
        keys = index_keys(card.surname, card.given_name, card.patronymic, card.variant_list)
        NameKey.objects.bulk_create(NameKey(participant=card, key=key) for key in keys)
    return card


def card_photos_changed(*, card: WarParticipant) -> None:
    """Keep the card's "has photo" flag (a search filter) in step with its public photos."""
    has_photo = card.photos.filter(is_public=True).exists()
    if card.has_photo != has_photo:
        card.has_photo = has_photo
        WarParticipant.objects.filter(pk=card.pk).update(has_photo=has_photo)


def log_entry_add(*, user, action, participant=None, story=None, note: str = "") -> None:
    """Write one line of the moderation log (who, what, when)."""
    ModerationLogEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        participant=participant,
        story=story,
        note=note[:255],
    )


# -- Merges -----------------------------------------------------------------------------------
# Joining two cards about one person into one, and undoing it.
#
# A merge moves everything attached to the merged card (stories, source records, photos, open
# reports) to the kept card, adds the merged card's spellings of the name to the kept card, fills the
# kept card's empty facts from the merged card and marks the merged card MERGED. `CardMerge.moved`
# records all of it, so `merge_undo` can put every item back where it was.

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


def card_merge(*, kept: WarParticipant, merged: WarParticipant, user) -> CardMerge:
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
        card_save(card=kept)
        card_save(card=merged)
        card_photos_changed(card=kept)
        card_photos_changed(card=merged)
        log_entry_add(
            user=user,
            action=ModerationAction.MERGE,
            participant=kept,
            note=f"№{merged.pk} {merged.full_name} → №{kept.pk} {kept.full_name}",
        )
    return merge


def merge_undo(*, merge: CardMerge, user) -> CardMerge:
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
        card_save(card=kept)
        card_save(card=merged)
        card_photos_changed(card=kept)
        card_photos_changed(card=merged)
        merge.undone_at = timezone.now()
        merge.undone_by = user if user is not None and user.is_authenticated else None
        merge.save(update_fields=["undone_at", "undone_by"])
        log_entry_add(
            user=user,
            action=ModerationAction.UNDO_MERGE,
            participant=merged,
            note=f"№{merged.pk} {merged.full_name} ← №{kept.pk} {kept.full_name}",
        )
    return merge


# -- Visitors' reports ------------------------------------------------------------------------


def report_submit(
    *, card: WarParticipant, reason: str, message: str = "", email: str = ""
) -> CardReport:
    """Record a visitor's report; the card goes back into the moderators' queue (the queue lists
    open reports) and the moderators are e-mailed once the report is saved."""
    if card.status != CardStatus.PUBLISHED:
        raise ValidationError(_("Only published cards can be reported."), code="not_published")
    if reason not in ReportReason.values:
        raise ValidationError(_("Choose what is wrong with the card."), code="reason")
    with transaction.atomic():
        report = CardReport.objects.create(
            participant=card, reason=reason, message=message.strip(), email=email.strip()
        )
        transaction.on_commit(lambda: tasks.send_report_email.enqueue(report.pk))
    return report


def _open_report(report: CardReport) -> CardReport:
    """The report's row, locked; refused when another moderator closed it meanwhile."""
    report = CardReport.objects.select_for_update().select_related("participant").get(pk=report.pk)
    if report.resolved_at is not None:
        raise ValidationError(_("This report is already closed."), code="closed")
    return report


def _close(report: CardReport, user) -> None:
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.save(update_fields=["resolved_at", "resolved_by"])
    log_entry_add(
        user=user,
        action=ModerationAction.RESOLVE_REPORT,
        participant=report.participant,
        note=f"{report.get_reason_display()} (№{report.pk})",
    )


def report_close(*, report: CardReport, user) -> CardReport:
    """The card is fine, or was corrected: the report leaves the queue."""
    with transaction.atomic():
        report = _open_report(report)
        _close(report, user)
    return report


def report_hide_card(*, report: CardReport, user) -> CardReport:
    """Take the card off the site (status HIDDEN) and close the report."""
    with transaction.atomic():
        report = _open_report(report)
        card = WarParticipant.objects.select_for_update().get(pk=report.participant_id)
        if card.status == CardStatus.MERGED:
            raise ValidationError(
                _("The card has been merged into another card: look at that card instead."),
                code="merged",
            )
        if card.status != CardStatus.HIDDEN:
            card.status = CardStatus.HIDDEN
            card_save(card=card)
            log_entry_add(
                user=user, action=ModerationAction.HIDE_CARD, participant=card, note=f"№{report.pk}"
            )
        report.participant = card
        _close(report, user)
    return report


# -- Photos -----------------------------------------------------------------------------------
# Uploads are checked and stored by core.images, as every photo is; here a stored photo is turned
# or cut, and stored again the same way.


def _open(photo: Photo) -> Image.Image:
    with photo.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def _replace(photo: Photo, image: Image.Image) -> None:
    old = [photo.image.name, photo.thumbnail.name]
    set_image(photo, image)
    photo.save()
    storage = photo.image.storage
    for name in old:
        if name:
            storage.delete(name)


def photo_rotate(*, photo: Photo, degrees: int) -> None:
    """Turn the photo by 90, 180 or 270 degrees clockwise."""
    if degrees % 90 or degrees % 360 == 0:
        raise ValueError("rotate by a multiple of 90 degrees")
    _replace(photo, _open(photo).rotate(-degrees, expand=True))


def photo_crop(*, photo: Photo, left: float, top: float, right: float, bottom: float) -> None:
    """Keep the part between the given fractions of the width and height (0…1)."""
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        raise ValueError("crop box outside the photo")
    image = _open(photo)
    width, height = image.size
    box = (round(left * width), round(top * height), round(right * width), round(bottom * height))
    if box[2] - box[0] < 16 or box[3] - box[1] < 16:
        raise ValueError("crop box too small")
    _replace(photo, image.crop(box))
