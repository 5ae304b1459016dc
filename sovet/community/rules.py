"""Who may do what with volunteers, projects, hours, certificates and initiatives.

Coordinators are the editors of the organization that owns a project (for its projects) and the
youth council's coordinators (for all of them); secretaries and administrators manage everything.
A volunteer's personal data (birth date, contacts, a guardian) reach only those who coordinate
work they signed up for, their organization's editors and the youth council: never the public.
"""

from django.db.models import Q

from sovet.accounts.roles import Role
from sovet.organizations.rules import manages_organizations

from .models import InitiativeStatus, Volunteer

YOUTH_AGES = (14, 35)


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def is_youth_coordinator(user) -> bool:
    return _active(user) and user.has_role(Role.YOUTH_COORDINATOR)


def manages_community(user) -> bool:
    """The youth council's coordinators, the Council's secretaries and administrators: every
    project, every volunteer, consents, initiatives."""
    return is_youth_coordinator(user) or manages_organizations(user)


def _edits(user) -> bool:
    return _active(user) and user.has_role(Role.ORGANIZATION_EDITOR)


def coordinates(user) -> bool:
    """Whether the user coordinates any volunteer work (the admin's menu and desk)."""
    return manages_community(user) or _edits(user)


def coordinated_projects(user, queryset):
    if manages_community(user):
        return queryset
    if not _edits(user):
        return queryset.none()
    return queryset.filter(organization__editor_links__user=user).distinct()


def can_manage_project(user, project) -> bool:
    if manages_community(user):
        return True
    return (
        _edits(user)
        and project is not None
        and project.organization.editor_links.filter(user=user).exists()
    )


def can_add_project(user) -> bool:
    return coordinates(user)


def can_confirm_attendance(user, shift) -> bool:
    return can_manage_project(user, shift.project)


def can_decide_hours(user, entry) -> bool:
    """Hours outside shifts are approved for the organization they were given to."""
    if manages_community(user):
        return True
    return _edits(user) and entry.organization.editor_links.filter(user=user).exists()


def hours_to_decide(user, queryset):
    if manages_community(user):
        return queryset
    if not _edits(user):
        return queryset.none()
    return queryset.filter(organization__editor_links__user=user).distinct()


def visible_volunteers(user, queryset=None):
    """The volunteers whose details this user may read."""
    queryset = Volunteer.objects.all() if queryset is None else queryset
    if manages_community(user):
        return queryset
    if not _edits(user):
        return queryset.none()
    mine = Q(organization__editor_links__user=user) | Q(
        participations__slot__shift__project__organization__editor_links__user=user
    )
    return queryset.filter(mine).distinct()


def can_see_volunteer(user, volunteer) -> bool:
    return visible_volunteers(user, Volunteer.objects.filter(pk=volunteer.pk)).exists()


def can_check_consents(user) -> bool:
    return manages_community(user)


def can_issue_certificate(user, *, project=None) -> bool:
    """A project's certificate by its coordinators; a year's by the youth council or the Council."""
    if project is not None:
        return can_manage_project(user, project)
    return manages_community(user)


def can_revoke_certificate(user, certificate) -> bool:
    return can_issue_certificate(user, project=certificate.project)


def can_moderate_initiatives(user) -> bool:
    return manages_community(user)


def can_propose_initiative(user) -> bool:
    """Young people: an account with a volunteer's profile aged 14 to 35."""
    if not _active(user):
        return False
    volunteer = Volunteer.objects.filter(user=user).first()
    return volunteer is not None and YOUTH_AGES[0] <= volunteer.age() <= YOUTH_AGES[1]


def can_support(user, initiative) -> bool:
    return (
        _active(user)
        and initiative.status == InitiativeStatus.COLLECTING
        and initiative.author_id != user.pk
    )
