"""Who may do what with events and their registrants. Used by views, admin and API alike."""

from sovet.accounts.roles import Role
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations, manages_organizations

from .models import Event


def _is_editor(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(Role.ORGANIZATION_EDITOR)


def can_manage_events(user) -> bool:
    """Council secretaries and administrators keep the whole calendar and its registries."""
    return manages_organizations(user)


def keeps_events(user) -> bool:
    """The Council, and organization editors (each limited to their events, editable_events)."""
    return can_manage_events(user) or _is_editor(user)


def can_edit_event(user, event) -> bool:
    """An organization's editors change the events it organizes (alone or with others)."""
    if can_manage_events(user):
        return True
    return _is_editor(user) and event.organizations.filter(editor_links__user=user).exists()


def editable_events(user, queryset):
    """The events the user may edit, as a queryset (for admin listings)."""
    if can_manage_events(user):
        return queryset
    if not _is_editor(user):
        return queryset.none()
    # A subquery, not a join: an event organized by two of the user's organizations stays one row.
    return queryset.filter(
        pk__in=Event.objects.filter(organizations__editor_links__user=user).values("pk")
    )


def can_add_event(user) -> bool:
    """An event needs an organizer: editors add events only once they edit an organization."""
    if can_manage_events(user):
        return True
    return _is_editor(user) and editable_organizations(user, Organization.objects.all()).exists()


def can_see_registrants(user, event) -> bool:
    """Registrants' contacts are personal data: only the organizers and the Council see them."""
    return can_edit_event(user, event)


def can_approve_events(user) -> bool:
    """Approval is the Council's check on what appears in its calendar."""
    return can_manage_events(user)


def can_manage_campaigns(user) -> bool:
    """Campaigns and their yearly editions are the Council's lists."""
    return can_manage_events(user)
