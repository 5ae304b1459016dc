"""Who may do what in the memory archive. Used by views, admin and API alike."""

from sovet.accounts.roles import Role


def can_moderate(user) -> bool:
    """Memory moderators (and administrators) read submissions with their private parts, decide
    on them, merge cards and edit the archive."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(Role.MEMORY_MODERATOR, Role.ADMINISTRATOR)
