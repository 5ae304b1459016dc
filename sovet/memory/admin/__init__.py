"""The archive's staff admin. Every screen is for memory moderators only (rules.can_moderate);
what a screen changes, a service does (services.py, stories/services.py).

cards    the cards' registry (list, add, edit, history)
queue    the moderation queue, one story's review, proof documents, the log
merges   merging two cards and undoing it
reports  visitors' reports about cards
photos   turning and cropping a card's photo
"""

from django.core.exceptions import ValidationError

from sovet.core.admin import only_for
from sovet.memory import rules

# A 403 for anyone but the moderators (the admin kit's guard).
moderators_only = only_for(rules.can_moderate)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
