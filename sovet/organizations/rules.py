"""Who may do what with organizations and the Council. Used by views, admin and API alike."""

from sovet.accounts.roles import Role


def manages_organizations(user) -> bool:
    """Council secretaries and administrators manage every organization and the Council."""
    return user.is_authenticated and (
        user.is_superuser or user.has_role(Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR)
    )


def is_editor_of(user, organization) -> bool:
    if not user.is_authenticated or not user.is_active or organization is None:
        return False
    return organization.editor_links.filter(user=user).exists()


def is_admin_of(user, organization) -> bool:
    if not user.is_authenticated or not user.is_active or organization is None:
        return False
    return organization.editor_links.filter(user=user, is_admin=True).exists()


def edits_organizations(user) -> bool:
    """The Council, and organization editors (each limited to their own, editable_organizations)."""
    return manages_organizations(user) or (
        user.is_authenticated and user.is_active and user.has_role(Role.ORGANIZATION_EDITOR)
    )


def can_add_organization(user) -> bool:
    return manages_organizations(user)


def can_edit_organization(user, organization) -> bool:
    """Editors change their own organization's card and nothing else."""
    if manages_organizations(user):
        return True
    return (
        user.is_authenticated
        and user.has_role(Role.ORGANIZATION_EDITOR)
        and is_editor_of(user, organization)
    )


def can_delete_organization(user, organization) -> bool:
    return manages_organizations(user)


def can_change_membership(user, organization=None) -> bool:
    """Membership and partner status are the Council's decision, not the organization's."""
    return manages_organizations(user)


def can_invite_editor(user, organization) -> bool:
    return manages_organizations(user) or (
        user.is_authenticated
        and user.has_role(Role.ORGANIZATION_EDITOR)
        and is_admin_of(user, organization)
    )


def can_import_organizations(user) -> bool:
    return manages_organizations(user)


def can_manage_council(user) -> bool:
    return manages_organizations(user)


def editable_organizations(user, queryset):
    """The organizations the user may edit, as a queryset (for admin listings and choosers)."""
    if manages_organizations(user):
        return queryset
    if not (user.is_authenticated and user.is_active and user.has_role(Role.ORGANIZATION_EDITOR)):
        return queryset.none()
    return queryset.filter(editor_links__user=user)
