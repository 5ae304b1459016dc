"""E-mails to the people who send stories, in the language they wrote in.

Services enqueue `tasks.send_story_email(story_id, kind)`; the task calls `story_email` here.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sovet.core.lookups import index_page

from .models import MemoryIndexPage, Story

# kind → subject. "confirm": please confirm your address; "received": it is in the queue;
# the others tell the story's new status.
SUBJECTS = {
    "confirm": _("Please confirm your e-mail to send the story"),
    "received": _("Your story has reached the moderators"),
    "needs_changes": _("Your story needs changes"),
    "published": _("Your story is published"),
    "declined": _("Your story was not published"),
}


def story_url(story: Story, route: str = "story_status") -> str:
    """Absolute address of the story's private page ("story_status") or of its
    confirmation link ("story_confirm")."""
    page = index_page(MemoryIndexPage, story.language)
    if page is None:
        return settings.SITE_URL
    return settings.SITE_URL + page.url + page.reverse_subpage(route, kwargs={"token": story.token})


def card_url(story: Story) -> str:
    page = index_page(MemoryIndexPage, story.language)
    return settings.SITE_URL + page.person_path(story.participant) if page else settings.SITE_URL


def story_email(story: Story, kind: str) -> None:
    with translation.override(story.language or settings.LANGUAGE_CODE):
        context = {
            "story": story,
            "kind": kind,
            "person": story.participant.full_name,
            "status_url": story_url(story),
            "confirm_url": story_url(story, "story_confirm"),
            "card_url": card_url(story),
            "reason": story.get_reason_display() if story.reason else "",
        }
        EmailMessage(
            subject=str(SUBJECTS[kind]),
            body=render_to_string("memory/email/story.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[story.submitter_email],
        ).send()
