"""What the preparation's screens and the invitation page read."""

from datetime import date

from django.db.models import Count, Q

from sovet.core.lookups import index_page
from sovet.organizations.models import MembershipStatus, Organization

from ..models import Conference, ConferenceIndexPage, Proposal, ProposalStatus, Resolution


def conference_dates(conference: Conference):
    """The conference's dates as a PartialDate (or None), even when just assigned as text."""
    return Conference._meta.get_field("dates").to_python(conference.dates) or None


def adoption_day(conference: Conference) -> date | None:
    """The conference's own day, when its dates name one day: the resolution's date by default."""
    dates = conference_dates(conference)
    if dates and dates.end is None and dates.day is not None:
        return dates.earliest()
    return None


def invitable_organizations():
    """The Council's active members, whom a conference invites by default."""
    return Organization.objects.filter(
        membership_status=MembershipStatus.MEMBER, is_partner=False
    ).order_by("name_ru")


def quota_summary(conference: Conference) -> list[dict]:
    """Per organization (the members, and any other with a quota or delegates): its quota and
    how many delegates it registered. Three queries, whatever the number of organizations."""
    quotas = dict(conference.quotas.values_list("organization_id", "quota"))
    registered = dict(
        conference.delegates.values_list("organization")
        .annotate(count=Count("pk"))
        .values_list("organization", "count")
    )
    organizations = Organization.objects.filter(
        Q(pk__in=invitable_organizations().values("pk"))
        | Q(pk__in=quotas.keys())
        | Q(pk__in=registered.keys())
    ).order_by("name_ru")
    return [
        {
            "organization": organization,
            "quota": quotas.get(organization.pk, conference.delegate_quota),
            "own_quota": organization.pk in quotas,
            "registered": registered.get(organization.pk, 0),
        }
        for organization in organizations
    ]


def previous_resolution(conference: Conference) -> Resolution | None:
    """The resolution of the conference before this one: its period is what this one reviews."""
    return (
        Resolution.objects.filter(conference__number__lt=conference.number)
        .order_by("-conference__number")
        .first()
    )


def new_proposal_counts() -> dict[int, int]:
    """Proposals waiting for the secretary, per conference (the desk and the conferences list)."""
    return dict(
        Proposal.objects.filter(status=ProposalStatus.SUBMITTED)
        .values_list("conference")
        .annotate(count=Count("pk"))
        .values_list("conference", "count")
    )


def proposal_outcomes(proposals) -> None:
    """What became of each proposal, set on it: ``adopted_as`` (the decision) with its public
    page's address ``decision_url``, or ``not_adopted_vote`` (the vote on its items). Give it
    proposals with ``drafts__decision__resolution__conference`` prefetched."""
    page = index_page(ConferenceIndexPage)
    for proposal in proposals:
        drafts = list(proposal.drafts.all())
        adopted = next((d.decision for d in drafts if d.decision_id), None)
        proposal.adopted_as = adopted
        proposal.decision_url = page.decision_url(adopted) if adopted and page else ""
        proposal.not_adopted_vote = "; ".join(d.vote_result for d in drafts if d.vote_result)
