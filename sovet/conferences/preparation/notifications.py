"""Letters of the preparation: a proposal declined (to its author), and an organization's
invitation with its private link (in Russian, then Kyrgyz and English).

Services call `send_later` once their transaction has committed; the letter goes from a task.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page
from sovet.core.reach import has_email

from ..models import ConferenceIndexPage, Invitation, Proposal, ProposalStatus

LANGUAGES = ("ru", "ky", "en")  # the invitation's parts, Russian first


def invitation_link(invitation: Invitation, language: str = "ru") -> str:
    """The private page's address that works from a letter ('' without a conferences page)."""
    page = index_page(ConferenceIndexPage, language)
    return absolute_url(page.invitation_url(invitation)) if page else ""


def invitation_email(invitation: Invitation) -> None:
    parts = []
    for language in LANGUAGES:
        with translation.override(language):
            context = {
                "invitation": invitation,
                "conference": invitation.conference,
                "organization": invitation.organization,
                "link": invitation_link(invitation, language),
            }
            parts.append(
                render_to_string("conferences/preparation/email/invitation.txt", context).strip()
            )
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Invitation to the %(conference)s") % {
            "conference": invitation.conference
        }
    EmailMessage(
        subject=subject,
        body="\n\n— — —\n\n".join(parts) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    ).send()


def proposal_author_email(proposal: Proposal) -> str:
    """Who proposed it: the editor who sent it, or the invitation's address it came through."""
    if proposal.submitted_by and has_email(proposal.submitted_by.email):
        return proposal.submitted_by.email
    invitation = Invitation.objects.filter(
        conference=proposal.conference, organization=proposal.organization
    ).first()
    return invitation.email if invitation else ""


def declined_email(proposal: Proposal) -> None:
    email = proposal_author_email(proposal)
    if not has_email(email):
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"proposal": proposal, "conference": proposal.conference}
        EmailMessage(
            subject=gettext("Your proposal for the %(conference)s was declined")
            % {"conference": proposal.conference},
            body=render_to_string("conferences/preparation/email/declined.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        ).send()


def send_later(kind: str, pk: int) -> None:
    """The letter from a background task: a slow mail server never fails a request."""
    if kind == "invitation":
        send_invitation_email.enqueue(pk)
    else:
        send_declined_email.enqueue(pk)


@task()
def send_invitation_email(invitation_id: int) -> bool:
    invitation = (
        Invitation.objects.select_related("conference", "organization")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return False
    invitation_email(invitation)
    return True


@task()
def send_declined_email(proposal_id: int) -> bool:
    proposal = (
        Proposal.objects.select_related("conference", "organization", "submitted_by")
        .filter(pk=proposal_id, status=ProposalStatus.DECLINED)
        .first()
    )
    if proposal is None:
        return False
    declined_email(proposal)
    return True
