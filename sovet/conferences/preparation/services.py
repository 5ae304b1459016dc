"""Every change of the preparation: proposals opened and declined, organizations invited, and
what an invited organization does through its private link (no account needed)."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sovet.core.reach import has_email
from sovet.organizations.models import Organization

from .. import rules
from ..models import (
    Conference,
    Delegate,
    Invitation,
    Proposal,
    ProposalStatus,
)
from ..services import delegate_add
from . import notifications


def proposal_decline(*, proposal: Proposal, user, reason: str) -> Proposal:
    """The secretary declines a proposal, saying why; its author reads the reason by e-mail."""
    if not rules.can_decide_proposals(user):
        raise PermissionDenied(_("Only the Council secretary declines proposals."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write why the proposal is declined: its author will read it."))
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a proposal not yet in the draft can be declined."))
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason
    proposal.decided_at = timezone.now()
    proposal.full_clean()
    with transaction.atomic():
        proposal.save(update_fields=["status", "decline_reason", "decided_at"])
        transaction.on_commit(lambda: notifications.send_later("declined", proposal.pk))
    return proposal


def proposals_set(*, conference: Conference, user, open: bool, close_on=None) -> Conference:
    """The secretary opens or closes proposals for a conference, with a last day if any."""
    if not rules.can_prepare(user, conference):
        raise PermissionDenied(_("Only the Council secretary prepares a conference."))
    if open and close_on and close_on < timezone.localdate():
        raise ValidationError(
            _("The last day for proposals has already passed: choose a later day or none."),
            code="closed_in_the_past",
        )
    conference.proposals_open, conference.proposals_close_on = open, close_on
    conference.save(update_fields=["proposals_open", "proposals_close_on"])
    return conference


@transaction.atomic
def invitation_send(
    *, conference: Conference, organizations, user
) -> tuple[list[Invitation], list[tuple[Organization, str]]]:
    """Invite each organization by e-mail to its contact address, with a new private link (a
    renewed invitation's old link stops working). Returns the invitations sent and the
    organizations not invited, each with the reason."""
    if not rules.can_prepare(user, conference):
        raise PermissionDenied(_("Only the Council secretary invites organizations."))
    sent, skipped = [], []
    for organization in organizations:
        if not has_email(organization.email):
            skipped.append((organization, _("no e-mail address in its card")))
            continue
        invitation, _created = Invitation.objects.update_or_create(
            conference=conference,
            organization=organization,
            defaults={
                "token": secrets.token_urlsafe(32),
                "email": organization.email,
                "sent_at": timezone.now(),
                "sent_by": user,
            },
        )
        sent.append(invitation)
    for invitation in sent:
        transaction.on_commit(lambda pk=invitation.pk: notifications.send_later("invitation", pk))
    return sent, skipped


def invitation_opened(*, invitation: Invitation) -> None:
    """Note when the link was last used (the secretary sees who has opened theirs)."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(last_used_at=now)
    invitation.last_used_at = now


def invitation_register_delegate(
    *, invitation: Invitation, full_name: str, position: str = "", email: str = "", phone: str = ""
) -> Delegate:
    """The invited organization registers a delegate, with an editor's checks (registration
    open and not closed, within the quota): the private link stands for the editor."""
    return delegate_add(
        conference=invitation.conference,
        organization=invitation.organization,
        full_name=full_name,
        position=position,
        email=email,
        phone=phone,
    )


def invitation_propose(*, invitation: Invitation, text: str) -> Proposal:
    """The invited organization proposes a decision, while proposals are open."""
    conference = invitation.conference
    if not rules.proposals_accepted(conference):
        raise ValidationError(
            _("Proposals for this conference are closed."), code="proposals_closed"
        )
    proposal = Proposal(
        conference=conference, organization=invitation.organization, text=text.strip()
    )
    proposal.full_clean()
    proposal.save()
    return proposal
