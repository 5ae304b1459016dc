"""Every change to a family story: sending one, confirming the address, sending changes (the
public site), and the moderators' decisions — publish, ask for changes, decline.

Each decision is one transaction on a locked story (two moderators clicking at once: the second
is told the story is already decided), is written to the moderation log, and is e-mailed to the
submitter, in their language, once the transaction has committed.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sovet.core.images import set_image_from_upload
from sovet.core.reach import NEITHER, mark_called_back, phone_e164
from sovet.memory import rules, services, tasks
from sovet.memory.models import (
    CHANGES_REASONS,
    DECLINE_REASONS,
    MAY_BE_ALIVE,
    CardStatus,
    ModerationAction,
    Photo,
    Story,
    StoryDocument,
    StoryStatus,
    WarParticipant,
)

# Confirmation letters one address may be sent in a day: a flood must not mail a stranger.
UNCONFIRMED_PER_EMAIL_PER_DAY = 20
MAX_PHOTOS = 3
MAX_DOCUMENTS = 2


def _send(story: Story, kind: str) -> None:
    transaction.on_commit(lambda: tasks.send_story_email.enqueue(story.pk, kind))


def check_unconfirmed_limit(email: str) -> None:
    since = timezone.now() - timedelta(days=1)
    waiting = Story.objects.filter(
        submitter_email=email, status=StoryStatus.UNCONFIRMED, created_at__gte=since
    ).count()
    if waiting >= UNCONFIRMED_PER_EMAIL_PER_DAY:
        raise ValidationError(
            _(
                "Too many stories from this e-mail address are waiting for confirmation. "
                "Open the links in the letters we sent, or try again tomorrow."
            ),
            code="too_many_unconfirmed",
        )


def story_submit(
    *,
    participant: WarParticipant | None = None,
    new_person: dict | None = None,
    title: str = "",
    text: str,
    signature: str = "",
    relation: str,
    submitter_name: str,
    submitter_email: str = "",
    submitter_phone: str = "",
    consent: bool,
    consent_alive: bool = False,
    photos: Sequence[tuple] = (),
    documents: Sequence[tuple] = (),
) -> Story:
    """Save a story, unconfirmed, and send the letter that confirms the address; a story with a
    phone and no e-mail has nothing to confirm and goes straight to the moderators' queue,
    marked to be called back (core.reach).

    Either `participant` (a published card) or `new_person` (the fields of a new card, which
    is saved as a draft) is given. `photos` are (core.images.check_image's clean copy,
    caption) and `documents` (checked upload, name). Everything is saved in one transaction;
    files written before a failure are removed.
    """
    if (participant is None) == (new_person is None):
        raise ValueError("give either a published card or a new person")
    if len(photos) > MAX_PHOTOS or len(documents) > MAX_DOCUMENTS:
        raise ValueError("too many files")
    if not consent:
        raise ValidationError(
            _("The story can only be published with your consent."), code="consent"
        )
    category = participant.category if participant else new_person.get("category")
    if category in MAY_BE_ALIVE and not consent_alive:
        raise ValidationError(
            _(
                "This person may be alive: the story is published only if they or their family "
                "agree. Tick the box to confirm it."
            ),
            code="needs_consent",
        )
    email, phone = submitter_email.strip().lower(), phone_e164(submitter_phone)
    if not email and not phone:
        raise ValidationError(NEITHER, code="no_contact")
    stored: list[tuple] = []
    try:
        with transaction.atomic():
            if email:
                check_unconfirmed_limit(email)
            if participant is None:
                card = WarParticipant(**new_person, status=CardStatus.DRAFT)
                card.consent_to_publish = category in MAY_BE_ALIVE and consent_alive
                card.full_clean()
                participant = services.card_save(card=card)
            else:
                participant = WarParticipant.objects.select_for_update().get(pk=participant.pk)
                if participant.status != CardStatus.PUBLISHED:
                    raise ValidationError(
                        _("This card is not published: the story cannot be added to it."),
                        code="not_published",
                    )
            story = Story(
                participant=participant,
                new_card=new_person is not None,
                title=title.strip(),
                text=text.strip(),
                signature=signature.strip(),
                relation=relation,
                submitter_name=submitter_name.strip(),
                submitter_email=email,
                submitter_phone=phone,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                consent=True,
                status=StoryStatus.UNCONFIRMED if email else StoryStatus.SUBMITTED,
                submitted_at=None if email else timezone.now(),
            )
            story.full_clean()
            story.save()
            _attach(story, photos, documents, stored)
            if email:
                _send(story, "confirm")
    except BaseException:
        _remove(stored)
        raise
    return story


def _attach(story: Story, photos: Sequence[tuple], documents: Sequence[tuple], stored: list):
    """Save the story's photos (private until published) and documents (never public).

    The files written go into `stored` as (storage, name), to be removed if the transaction fails.
    """
    position = story.photos.count()
    for clean_upload, caption in photos:
        photo = Photo(
            participant_id=story.participant_id,
            story=story,
            caption=caption.strip(),
            is_public=False,
            position=position,
        )
        try:
            set_image_from_upload(photo, clean_upload)
        finally:
            stored += [(f.storage, f.name) for f in (photo.image, photo.thumbnail) if f.name]
        photo.save()
        position += 1
    for upload, name in documents:
        document = StoryDocument(story=story, name=name[:255])
        upload.seek(0)
        try:
            document.file.save(name or "document", upload, save=False)
        finally:
            if document.file.name:
                stored.append((document.file.storage, document.file.name))
        document.save()


def _remove(files: list[tuple]) -> None:
    for storage, name in files:
        storage.delete(name)


def story_confirm(story: Story) -> bool:
    """The submitter opened the link in the letter: the story goes to the moderators.

    Returns whether it was confirmed now (False when it already had been: clicking twice is
    harmless).
    """
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.status != StoryStatus.UNCONFIRMED:
            return False
        now = timezone.now()
        story.status = StoryStatus.SUBMITTED
        story.confirmed_at = now
        story.submitted_at = now
        story.save(update_fields=["status", "confirmed_at", "submitted_at", "updated_at"])
        _send(story, "received")
    return True


def story_called_back(*, story: Story, by) -> bool:
    """A moderator called the submitter back; written to the moderation log. False when
    somebody already had."""
    if not rules.can_moderate(by):
        raise PermissionDenied
    with transaction.atomic():
        done = mark_called_back(story, by=by)
        if done:
            services.log_entry_add(
                user=by, action=ModerationAction.CALLED_BACK, participant=story.participant,
                story=story,
            )  # fmt: skip
    return done


def story_resubmit(
    *,
    story: Story,
    title: str = "",
    text: str,
    signature: str = "",
    photos: Sequence[tuple] = (),
    documents: Sequence[tuple] = (),
    consent_alive: bool = False,
) -> Story:
    """The submitter's changes after a moderator asked for them: back to the queue's end."""
    if len(photos) > MAX_PHOTOS or len(documents) > MAX_DOCUMENTS:
        raise ValueError("too many files")
    stored: list[tuple] = []
    try:
        with transaction.atomic():
            story = Story.objects.select_for_update().select_related("participant").get(pk=story.pk)
            if story.status != StoryStatus.NEEDS_CHANGES:
                raise ValidationError(
                    _("This story is not waiting for changes."), code="not_needs_changes"
                )
            story.title = title.strip()
            story.text = text.strip()
            story.signature = signature.strip()
            story.status = StoryStatus.SUBMITTED
            story.submitted_at = timezone.now()
            story.reason = ""
            story.moderator_message = ""
            story.full_clean()
            story.save()
            card = story.participant
            if consent_alive and card.category in MAY_BE_ALIVE and not card.consent_to_publish:
                card.consent_to_publish = True
                card.save(update_fields=["consent_to_publish", "updated_at"])
            _attach(story, photos, documents, stored)
            _send(story, "received")
    except BaseException:
        _remove(stored)
        raise
    return story


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
            services.card_save(card=card)
        story.status = StoryStatus.PUBLISHED
        story.published_at = timezone.now()
        story.reason = ""
        story.moderator_message = ""
        story.save(update_fields=["status", "published_at", "reason", "moderator_message",
                                  "updated_at"])  # fmt: skip
        story.photos.filter(is_public=False).update(is_public=True)
        services.card_photos_changed(card=card)
        services.log_entry_add(
            user=user, action=ModerationAction.APPROVE, participant=card, story=story
        )
        if publish_card:
            services.log_entry_add(
                user=user, action=ModerationAction.PUBLISH_CARD, participant=card, story=story
            )
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
        services.log_entry_add(user=user, action=action, participant=card, story=story, note=reason)
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
