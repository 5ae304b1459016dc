"""Who may do what with conferences, resolutions and decisions."""

from sovet.organizations.rules import manages_organizations


def can_manage_conferences(user) -> bool:
    """Council secretaries and administrators: conferences, resolutions, decisions, imports."""
    return manages_organizations(user)


def can_see_progress(user, resolution) -> bool:
    return resolution.progress_public or can_manage_conferences(user)
