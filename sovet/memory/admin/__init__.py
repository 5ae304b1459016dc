"""The archive's staff admin. Every screen is for memory moderators only (rules.can_moderate);
what a screen changes, a service does (services.py, stories/services.py).

cards    the cards' registry (list, add, edit, history)
queue    the moderation queue, one story's review, proof documents, the log
merges   merging two cards and undoing it
reports  visitors' reports about cards
photos   turning and cropping a card's photo
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.views.defaults import permission_denied

from sovet.memory import rules


def moderators_only(view):
    """A 403 for anyone else. (Raised inside an admin view, PermissionDenied would become a
    redirect to the dashboard: this says plainly that the page exists and is not theirs.)"""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not rules.can_moderate(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return guarded


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
