"""Who may do what with memorial places. Used by views, admin and API alike."""

from sovet.accounts.roles import Role
from sovet.organizations.models import Organization, OrganizationEditor
from sovet.organizations.rules import editable_organizations, manages_organizations

from .models import MemorialPlace, PlaceReport, ReportKind

# What a visitor's report may be about: on a place's page, and from the list (a place not in it).
PLACE_KINDS = [ReportKind.DAMAGE, ReportKind.OTHER]
GENERAL_KINDS = [ReportKind.MISSING_PLACE, ReportKind.DAMAGE, ReportKind.OTHER]


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


# --- Visitors' reports ---------------------------------------------------------------------


def kinds_for(place: MemorialPlace | None) -> list[ReportKind]:
    """What a report may be about: a place missing from the list only from the list's form."""
    return PLACE_KINDS if place is not None else GENERAL_KINDS


def may_see_reports(user) -> bool:
    """Moderators and the Council see every report; an organization's editors, the reports
    about the places it looks after."""
    return can_add_place(user)


def can_handle_report(user, report: PlaceReport) -> bool:
    if can_manage_places(user):
        return True
    return report.place is not None and can_edit_place(user, report.place)


def handled_reports(user, queryset):
    """The reports this user may see and handle, as a queryset (a missing place's report has
    no caretaker yet: only the moderators and the Council see it)."""
    if can_manage_places(user):
        return queryset
    places = editable_places(user, MemorialPlace.objects.all())
    return queryset.filter(place__in=places.values("pk"))
