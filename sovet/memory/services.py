"""Every change to the memory archive goes through here."""

from django.db import transaction

from .models import ModerationLogEntry, NameKey, WarParticipant
from .names.keys import index_keys


def participant_save(participant: WarParticipant) -> WarParticipant:
    """Save a card and the keys its names are found by, together."""
    # The field may still hold what was typed ("1921"): read it as the field does.
    birth = WarParticipant._meta.get_field("birth_date").to_python(participant.birth_date)
    participant.birth_year = birth.earliest().year if birth else None
    with transaction.atomic():
        participant.save()
        participant_index_names(participant)
    return participant


def participant_index_names(participant: WarParticipant) -> None:
    participant.name_keys.all().delete()
    keys = index_keys(
        participant.surname,
        participant.given_name,
        participant.patronymic,
        participant.variant_list,
    )
    NameKey.objects.bulk_create(NameKey(participant=participant, key=key) for key in keys)


def photos_changed(participant: WarParticipant) -> None:
    """Keep the card's "has photo" flag (a search filter) in step with its public photos."""
    has_photo = participant.photos.filter(is_public=True).exists()
    if participant.has_photo != has_photo:
        participant.has_photo = has_photo
        WarParticipant.objects.filter(pk=participant.pk).update(has_photo=has_photo)


def log_action(user, action, *, participant=None, story=None, note: str = "") -> None:
    """Write one line of the moderation log (who, what, when)."""
    ModerationLogEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        participant=participant,
        story=story,
        note=note[:255],
    )
