"""Who may do what with conferences, resolutions, decisions and progress reports."""

from django.utils import timezone

from sovet.organizations.rules import can_edit_organization, is_editor_of, manages_organizations

from .models import ConferenceStatus


def can_manage_conferences(user) -> bool:
    """Council secretaries and administrators: conferences, resolutions, decisions, imports."""
    return manages_organizations(user)


def can_see_progress(user, resolution) -> bool:
    return resolution.progress_public or can_manage_conferences(user)


def can_report(user, decision, organization) -> bool:
    """An editor of an organization assigned to the decision (or the secretary) reports on it."""
    if not decision.organizations.filter(pk=organization.pk).exists():
        return False
    return can_manage_conferences(user) or is_editor_of(user, organization)


def can_review_reports(user) -> bool:
    return can_manage_conferences(user)


def can_open_report_files(user, report) -> bool:
    """A report's photo and document are proof for the secretary, never public, even once the
    report is accepted: the secretary, administrators and the reporting organization's editors."""
    return can_manage_conferences(user) or can_edit_organization(user, report.organization)


def can_register_delegates(user, organization) -> bool:
    """An organization's editors register its delegates; the secretary registers anyone's."""
    return can_manage_conferences(user) or is_editor_of(user, organization)


def can_confirm_delegates(user) -> bool:
    return can_manage_conferences(user)


PREPARED = (ConferenceStatus.PLANNED, ConferenceStatus.REGISTRATION_OPEN)


def proposals_accepted(conference, today=None) -> bool:
    """The secretary opened proposals for a conference not yet held, and their closing day (if
    any) has not passed: the only time anyone, the secretary included, proposes."""
    today = today or timezone.localdate()
    closes = conference.proposals_close_on
    return (
        conference.status in PREPARED
        and conference.proposals_open
        and not (closes and today > closes)
    )


def can_propose(user, organization, conference) -> bool:
    """While proposals are open, an organization's editors (or the secretary) propose decisions."""
    return proposals_accepted(conference) and (
        can_manage_conferences(user) or is_editor_of(user, organization)
    )


def can_decide_proposals(user) -> bool:
    """The secretary declines proposals, merges them into the draft and publishes the vote."""
    return can_manage_conferences(user)


def can_prepare(user, conference) -> bool:
    """The secretary prepares a conference not yet held: proposals, quotas, invitations."""
    return can_manage_conferences(user) and conference.status in PREPARED
