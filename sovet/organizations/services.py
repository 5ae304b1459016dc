"""Every change to organizations, their editors and the Council goes through these functions."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sovet.accounts import services as account_services
from sovet.accounts.models import Invitation
from sovet.accounts.roles import Role

from . import rules
from .models import MembershipChange, MembershipStatus, Organization, OrganizationEditor


def organization_save(*, organization: Organization, user, log: bool = True) -> Organization:
    """Save a card and record who changed it, as a revision the secretary can compare and revert."""
    organization.full_clean()
    with transaction.atomic():
        organization.save()
        organization.save_revision(user=user, log_action=log)
    return organization


def organization_editor_add(
    *, organization: Organization, user, is_admin: bool = False
) -> OrganizationEditor:
    editor, created = OrganizationEditor.objects.get_or_create(
        organization=organization, user=user, defaults={"is_admin": is_admin}
    )
    if not created and is_admin and not editor.is_admin:
        editor.is_admin = True
        editor.save(update_fields=["is_admin"])

    user.groups.add(Group.objects.get(name=str(Role.ORGANIZATION_EDITOR)))
    return editor


def organization_editor_remove(*, organization: Organization, user, removed_by) -> None:
    if not rules.can_invite_editor(removed_by, organization):
        raise PermissionDenied(_("You may not change the editors of this organization."))
    OrganizationEditor.objects.filter(organization=organization, user=user).delete()
    if not OrganizationEditor.objects.filter(user=user).exists():
        user.groups.remove(Group.objects.get(name=str(Role.ORGANIZATION_EDITOR)))


def organization_editor_invite(*, organization: Organization, invited_by, email: str) -> Invitation:
    """Invite an address to edit one organization (the secretary or that organization's admin)."""
    if not rules.can_invite_editor(invited_by, organization):
        raise PermissionDenied(_("You may not invite editors to this organization."))
    return account_services.invitation_create(
        invited_by=invited_by, email=email, role=Role.ORGANIZATION_EDITOR, scope=organization
    )


def organization_invitation_accepted(invitation: Invitation, user) -> None:
    """The ``invitation_accepted`` hook: an accepted editor invitation adds the editor."""
    if isinstance(invitation.scope, Organization):
        organization_editor_add(organization=invitation.scope, user=user)


@transaction.atomic
def membership_change(
    *, organization: Organization, status: str, date, note: str = "", user
) -> MembershipChange:
    """Record a step in the organization's history with the Council and update its status."""
    if not rules.can_change_membership(user, organization):
        raise PermissionDenied(_("Only the Council secretary changes membership."))
    change = MembershipChange.objects.create(
        organization=organization,
        status=MembershipStatus(status),
        date=date,
        note=note,
        recorded_by=user,
    )
    latest = organization.membership_changes.order_by("-date", "-pk").first()
    organization.membership_status = latest.status
    first_joined = (
        organization.membership_changes.filter(status=MembershipStatus.MEMBER)
        .order_by("date")
        .first()
    )
    organization.member_since = first_joined.date if first_joined else None
    organization_save(organization=organization, user=user)
    return change
