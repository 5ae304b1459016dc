"""Every change to the memory archive goes through here."""

from django.db import transaction

from . import names
from .models import NameKey, WarParticipant


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
    keys = names.index_keys(
        participant.surname,
        participant.given_name,
        participant.patronymic,
        participant.variant_list,
    )
    NameKey.objects.bulk_create(NameKey(participant=participant, key=key) for key in keys)
