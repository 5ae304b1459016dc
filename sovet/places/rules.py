"""Who may do what with memorial places. Used by views, admin and API alike."""

from sovet.accounts.roles import Role
from sovet.organizations.models import Organization, OrganizationEditor
from sovet.organizations.rules import editable_organizations, manages_organizations

from .models import MemorialPlace


def _is_editor(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(Role.ORGANIZATION_EDITOR)


def can_manage_places(user) -> bool:
    """Memory moderators keep the places with the cards; the Council's secretaries and
    administrators keep everything."""
    return manages_organizations(user) or (
        user.is_authenticated and user.is_active and user.has_role(Role.MEMORY_MODERATOR)
    )


def can_edit_place(user, place) -> bool:
    """An organization's editors keep the places it looks after: their state and photos."""
    if can_manage_places(user):
        return True
    if not _is_editor(user) or place.caretaker_id is None:
        return False
    return OrganizationEditor.objects.filter(organization_id=place.caretaker_id, user=user).exists()


def editable_places(user, queryset):
    """The places the user may edit, as a queryset (for admin listings)."""
    if can_manage_places(user):
        return queryset
    if not _is_editor(user):
        return queryset.none()
    return queryset.filter(caretaker__editor_links__user=user)


def editable_place_records(user, queryset):
    """Inspections or photos of the places the user may edit: whoever keeps a place keeps them."""
    return queryset.filter(
        place__in=editable_places(user, MemorialPlace.objects.all()).values("pk")
    )


def keeps_places(user) -> bool:
    """Whoever keeps some places: moderators and the Council all of them, an organization's
    editors those it looks after (editable_places)."""
    return can_add_place(user)


def can_add_place(user) -> bool:
    """Editors add places only for an organization they edit, which becomes the caretaker."""
    if can_manage_places(user):
        return True
    if not _is_editor(user):
        return False
    # Asked by every admin page's menu: once per request (the user object lives that long).
    if not hasattr(user, "_edits_an_organization"):
        organizations = editable_organizations(user, Organization.objects.all())
        user._edits_an_organization = organizations.exists()
    return user._edits_an_organization


def can_publish_place(user) -> bool:
    """What appears on the public map is the Council's and the moderators' decision."""
    return can_manage_places(user)
