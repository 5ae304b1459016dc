"""The archive's e-mails: to the people who send stories, in the language they wrote in, and to
the moderators about visitors' reports.

Services enqueue a task (tasks.py) once their transaction has committed; the task calls these.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from sovet.core.lookups import index_page

from .models import CardReport, MemoryIndexPage, Story, WarParticipant
from .queries import moderator_emails

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
    """A letter to the submitter; none for one who gave only a phone (moderators call them)."""
    if not story.submitter_email:
        return
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


def admin_card_url(card: WarParticipant, user=None) -> str:
    """The card's page in the staff admin, or "" while no admin edits cards."""
    return AdminURLFinder(user).get_edit_url(card) or ""


def report_email(report: CardReport) -> None:
    card = report.participant
    with translation.override(settings.LANGUAGE_CODE):
        report_url = settings.SITE_URL + reverse("memory_report", args=[report.pk])
        card_url = admin_card_url(card)
        lines = [
            gettext("A visitor reported a card in the memory archive: %(card)s (no. %(pk)s).")
            % {"card": card.full_name, "pk": card.pk},
            "",
            gettext("What is wrong: %(reason)s") % {"reason": report.get_reason_display()},
        ]
        if report.message:
            lines += [gettext("Details:"), report.message]
        lines += ["", gettext("The report:"), report_url]
        if card_url:
            lines += [gettext("The card:"), settings.SITE_URL + card_url]
        EmailMessage(
            subject=gettext("Report about the card “%(card)s”") % {"card": card.full_name},
            body="\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=moderator_emails(),
        ).send()
