"""Who may do what with accounts and roles. Used by views, admin and API alike."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from wagtail import hooks

from .roles import STAFF_ROLES, Role


def is_staff_member(user) -> bool:
    """Whether the user holds any staff role (and so uses the admin, with two factors)."""
    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


def can_access_admin(user) -> bool:
    return is_staff_member(user)


def follows_translations(user) -> bool:
    """Council secretaries and administrators keep the public site translated (the translation
    desk: core.translations)."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR)
    )


def can_invite(user, role: Role | str | None = None, scope=None) -> bool:
    """Council secretaries invite to every role but administrator; administrators to any.

    For a role limited to one object (``scope``), the app owning it may allow more people
    through the ``can_invite_to_scope`` hook (an organization's own admin invites its editors).
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return True
    if user.has_role(Role.COUNCIL_SECRETARY):
        return role is None or Role(role) != Role.ADMINISTRATOR
    if scope is not None and role is not None:
        return any(fn(user, Role(role), scope) for fn in hooks.get_hooks("can_invite_to_scope"))
    return False


def needs_second_factor(user) -> bool:
    """Staff who have not yet set up an authenticator app must do so before admin work."""
    if not settings.STAFF_REQUIRE_2FA or not is_staff_member(user):
        return False

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def invitations_visible(user, queryset):
    """The invitations a user sees and withdraws: those to the roles they may invite to."""
    return queryset.filter(role__in=[role.value for role in Role if can_invite(user, role)])
