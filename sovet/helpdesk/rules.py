"""Who sees which help requests: the members of a centre see that centre's requests, and nobody
else sees any — not editors, moderators or the secretary; an administrator sees the figures
alone unless also a member of a centre. Every staff page, list, count, file and export reads
requests through ``visible_requests``, so there is one place where confidentiality holds.
"""

from django.contrib.auth import get_user_model

from sovet.accounts.roles import Role

from .models import CannedAnswer, Centre, CentreMember, CentreRole, HelpRequest

# Roles that may work in a centre once they are its members.
DESK_ROLES = (Role.HELPDESK_STAFF, Role.ADMINISTRATOR)


def _memberships(user) -> dict[int, str]:
    """{centre id: role in it} for an active user in a desk role; read once per user object."""
    if not (user.is_authenticated and user.is_active and user.has_role(*DESK_ROLES)):
        return {}
    if not hasattr(user, "_help_centres"):
        user._help_centres = dict(
            CentreMember.objects.filter(user=user).values_list("centre_id", "role")
        )
    return user._help_centres


def centre_ids(user) -> list[int]:
    """The centres whose requests the user handles."""
    return sorted(_memberships(user))


def works_at_desk(user) -> bool:
    return bool(_memberships(user))


def heads(user, centre_id: int) -> bool:
    return _memberships(user).get(centre_id) == CentreRole.HEAD


def headed_centre_ids(user) -> list[int]:
    return sorted(pk for pk, role in _memberships(user).items() if role == CentreRole.HEAD)


def visible_requests(user, queryset=None):
    """The requests the user may see: those of the centres they are a member of, no others."""
    if queryset is None:
        queryset = HelpRequest.objects.all()
    ids = centre_ids(user)
    return queryset.filter(centre_id__in=ids) if ids else queryset.none()


def user_centres(user):
    return Centre.objects.filter(pk__in=centre_ids(user))


def sees_figures(user) -> bool:
    """The figures (no personal data): centres' staff, the administrator and the secretary."""
    return works_at_desk(user) or (
        user.is_authenticated
        and user.is_active
        and user.has_role(Role.ADMINISTRATOR, Role.COUNCIL_SECRETARY)
    )


def can_assign_to(centre_id: int):
    """Whom a request of this centre may be given to: its active members in a desk role (one
    query, however many the staff)."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=CentreMember.objects.filter(centre_id=centre_id).values("user_id"),
            groups__name__in=[str(role) for role in DESK_ROLES],
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


# Canned answers: every member of a centre uses them; the head keeps them.


def keeps_canned_answers(user) -> bool:
    return bool(headed_centre_ids(user))


def canned_answers_reached(user, queryset):
    return queryset.filter(centre_id__in=headed_centre_ids(user))


def canned_answers_for(user, queryset=None):
    queryset = CannedAnswer.objects.all() if queryset is None else queryset
    return queryset.filter(centre_id__in=centre_ids(user))


def reads_access_log(user) -> bool:
    return bool(headed_centre_ids(user))


def keeps_centres(user) -> bool:
    """The centres and their staff: the site's administrators."""
    return user.is_authenticated and user.is_active and user.has_role(Role.ADMINISTRATOR)
