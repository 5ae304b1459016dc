"""The roles of DESIGN.md. Each staff role is a Django group with the same name."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ORGANIZATION_EDITOR = "Organization editors"
    COUNCIL_SECRETARY = "Council secretaries"
    MEMORY_MODERATOR = "Memory moderators"
    HELPDESK_STAFF = "Help-desk staff"
    YOUTH_COORDINATOR = "Youth council coordinators"
    ADMINISTRATOR = "Administrators"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ORGANIZATION_EDITOR: _("Organization editor"),
    Role.COUNCIL_SECRETARY: _("Council secretary"),
    Role.MEMORY_MODERATOR: _("Memory moderator"),
    Role.HELPDESK_STAFF: _("Help-desk staff"),
    Role.YOUTH_COORDINATOR: _("Youth council coordinator"),
    Role.ADMINISTRATOR: _("Administrator"),
}

# Roles that reach the staff admin and therefore must sign in with two factors.
STAFF_ROLES = frozenset(Role)
