from .pages import CouncilPage, OrganizationIndexPage
from .registry import (
    CouncilSeat,
    CouncilTerm,
    MembershipChange,
    MembershipStatus,
    Organization,
    OrganizationEditor,
    OrganizationTag,
    OrganizationType,
    SeatRole,
)

__all__ = [
    "CouncilPage",
    "CouncilSeat",
    "CouncilTerm",
    "MembershipChange",
    "MembershipStatus",
    "Organization",
    "OrganizationEditor",
    "OrganizationIndexPage",
    "OrganizationTag",
    "OrganizationType",
    "SeatRole",
]
