"""Every change to accounts and roles goes through these functions."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import Invitation, User
from .roles import Role
from .rules import can_invite


def invitation_create(*, invited_by: User, email: str, role: Role | str, scope=None) -> Invitation:
    """Invite an address to a role, limited to ``scope`` (an organization…) when given."""
    role = Role(role)
    if not can_invite(invited_by, role, scope):
        raise PermissionDenied(_("You may not invite people to this role."))
    invitation = Invitation.objects.create(
        email=email.strip().lower(), role=role, invited_by=invited_by, scope=scope
    )
    transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    path = reverse("accounts:invitation", kwargs={"token": invitation.token})
    context = {
        "invitation": invitation,
        "role": invitation.role_label,
        "url": settings.SITE_URL + path,
    }
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Invitation to Sovet: %(role)s") % {"role": context["role"]},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> None:
    """Give the invited role to the signed-in user whose verified address was invited."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or was already used."))
    verified = user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists()
    if not verified:
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    group, _created = Group.objects.get_or_create(name=str(Role(invitation.role)))
    user.groups.add(group)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    for fn in hooks.get_hooks("invitation_accepted"):
        fn(invitation, user)
