"""Moderators' decisions on stories: publish, ask for changes, decline.

Each decision is one transaction on a locked story (two moderators clicking at once: the second
is told the story is already decided), is written to the moderation log, and is e-mailed to the
submitter, in their language, once the transaction has committed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules, services, tasks
from .models import (
    CHANGES_REASONS,
    DECLINE_REASONS,
    CardStatus,
    ModerationAction,
    Story,
    StoryStatus,
    WarParticipant,
)


def story_approve(story: Story, user) -> Story:
    """Publish a submitted story, its photos and, for a story that brought a new card, the card."""
    with transaction.atomic():
        story = _lock_submitted(story, user)
        card = WarParticipant.objects.select_for_update().get(pk=story.participant_id)
        publish_card = story.new_card and card.status in (CardStatus.DRAFT, CardStatus.HIDDEN)
        if publish_card:
            card.status = CardStatus.PUBLISHED
            try:
                card.clean()
            except ValidationError as error:
                if "consent_to_publish" not in error.update_error_dict({}):
                    raise
                raise ValidationError(
                    _(
                        "This person may be alive: the card is published only with their or "
                        "their family's consent. Ask the submitter for changes (the reason about "
                        "consent), or tick the consent on the card if the family has given it."
                    ),
                    code="needs_consent",
                ) from error
            services.participant_save(card)
        story.status = StoryStatus.PUBLISHED
        story.published_at = timezone.now()
        story.reason = ""
        story.moderator_message = ""
        story.save(update_fields=["status", "published_at", "reason", "moderator_message",
                                  "updated_at"])  # fmt: skip
        story.photos.filter(is_public=False).update(is_public=True)
        services.photos_changed(card)
        services.log_action(user, ModerationAction.APPROVE, participant=card, story=story)
        if publish_card:
            services.log_action(user, ModerationAction.PUBLISH_CARD, participant=card, story=story)
        _email_on_commit(story, "published")
    return story


def story_request_changes(story: Story, user, reason: str, message: str = "") -> Story:
    """Send a submitted story back to its author with a canned reason and an optional message."""
    if reason not in CHANGES_REASONS:
        raise ValidationError(_("Choose why the story needs changes."), code="reason")
    return _decide(story, user, StoryStatus.NEEDS_CHANGES, ModerationAction.REQUEST_CHANGES,
                   reason, message, "needs_changes")  # fmt: skip


def story_decline(story: Story, user, reason: str, message: str = "") -> Story:
    """Refuse a submitted story. A card it brought stays unpublished (hidden)."""
    if reason not in DECLINE_REASONS:
        raise ValidationError(_("Choose why the story is declined."), code="reason")
    return _decide(story, user, StoryStatus.DECLINED, ModerationAction.DECLINE,
                   reason, message, "declined")  # fmt: skip


def _decide(story, user, status, action, reason, message, kind) -> Story:
    with transaction.atomic():
        story = _lock_submitted(story, user)
        story.status = status
        story.reason = reason
        story.moderator_message = (message or "").strip()
        story.save(update_fields=["status", "reason", "moderator_message", "updated_at"])
        card = story.participant
        if status == StoryStatus.DECLINED and story.new_card and card.status == CardStatus.DRAFT:
            WarParticipant.objects.filter(pk=card.pk).update(status=CardStatus.HIDDEN)
            card.status = CardStatus.HIDDEN
        services.log_action(user, action, participant=card, story=story, note=reason)
        _email_on_commit(story, kind)
    return story


def _lock_submitted(story: Story, user) -> Story:
    """The story, locked for this transaction, if it still waits for a decision."""
    if not rules.can_moderate(user):
        raise PermissionDenied
    locked = (
        Story.objects.select_for_update(of=("self",))
        .select_related("participant")
        .filter(pk=story.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This story no longer exists."), code="gone")
    if locked.status != StoryStatus.SUBMITTED:
        raise ValidationError(
            _(
                "This story is not waiting for a decision any more (its status is “%(status)s”): "
                "another moderator may have decided on it. Go on with the next one."
            )
            % {"status": locked.get_status_display()},
            code="decided",
        )
    return locked


def _email_on_commit(story: Story, kind: str) -> None:
    transaction.on_commit(lambda pk=story.pk: tasks.send_story_email.enqueue(pk, kind))
