"""The secretary's "Prepare" screen of a planned conference, and the invited organization's
private page (a route of ``ConferenceIndexPage``: ``invitation/<token>/``)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.defaults import permission_denied
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import EditView

from sovet.core.admin import only_for
from sovet.core.public import RateLimit, private_page, render_page

from .. import rules
from ..models import Conference, ConferenceStatus, Invitation
from ..services import delegate_quota_for
from . import queries, services
from .forms import DelegateForm, InviteForm, ProposalForm, ProposalsForm

INVITATION_LIMIT = RateLimit(
    "conferences-invitation",
    "30/h",
    gettext_lazy("Too many forms sent from your address. Please try again in an hour."),
)


class VoteEditView(EditView):
    """The vote on a draft item (``conferences_draft:edit``) returns where it came from: a safe
    ``next`` (the proposals screen's links carry it), else the conference's proposals screen."""

    def get_edit_url(self):
        url, next_url = super().get_edit_url(), get_valid_next_url_from_request(self.request)
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            "conferences_proposals", args=[self.object.conference_id]
        )


@only_for(rules.can_manage_conferences)
def prepare_view(request, pk):
    """A planned conference: proposals opened or closed, quotas and agenda at a glance,
    organizations invited, and the report on the period since the last conference."""
    conference = get_object_or_404(Conference, pk=pk)
    if not rules.can_prepare(request.user, conference):
        # A conference already held is not prepared any more (a 403 page, as only_for's).
        return permission_denied(request, PermissionDenied())
    organizations = queries.invitable_organizations()
    proposals_form = ProposalsForm(
        initial={"open": conference.proposals_open, "close_on": conference.proposals_close_on}
    )
    invite_form = InviteForm(organizations=organizations)
    if request.method == "POST" and "proposals" in request.POST:
        proposals_form = ProposalsForm(request.POST)
        if proposals_form.is_valid():
            try:
                services.proposals_set(
                    conference=conference,
                    user=request.user,
                    open=proposals_form.cleaned_data["open"],
                    close_on=proposals_form.cleaned_data["close_on"],
                )
            except ValidationError as error:
                proposals_form.add_error("close_on", error)
            else:
                messages.success(request, gettext("The proposals' settings were saved."))
                return redirect("conferences_prepare", pk=conference.pk)
    elif request.method == "POST" and "invite" in request.POST:
        invite_form = InviteForm(request.POST, organizations=organizations)
        if invite_form.is_valid():
            sent, skipped = services.invitation_send(
                conference=conference,
                organizations=invite_form.cleaned_data["organizations"],
                user=request.user,
            )
            messages.success(
                request,
                gettext("Invitations sent: %(count)s.") % {"count": len(sent)},
            )
            for organization, reason in skipped:
                messages.warning(
                    request,
                    gettext("%(organization)s was not invited: %(reason)s.")
                    % {"organization": organization.name_ru, "reason": reason},
                )
            return redirect("conferences_prepare", pk=conference.pk)
    return render(
        request,
        "conferences/preparation/prepare.html",
        {
            "conference": conference,
            "proposals_form": proposals_form,
            "invite_form": invite_form,
            "proposals_accepted": rules.proposals_accepted(conference),
            "quotas": queries.quota_summary(conference),
            "agenda": conference.agenda.order_by("sort_order"),
            "invitations": conference.invitations.select_related("organization"),
            "period_report_url": period_report_url(conference),
        },
    )


def period_report_url(conference: Conference) -> str:
    """The draft "results of the period" this conference will hear: from the previous
    conference's resolution to today ('' before any resolution)."""
    resolution = queries.previous_resolution(conference)
    if resolution is None:
        return ""
    period = {"start": resolution.adopted_on.isoformat(), "end": timezone.localdate().isoformat()}
    return reverse("conferences_period_report", args=[resolution.pk]) + "?" + urlencode(period)


@private_page
def invitation_view(page, request, token):
    """The invited organization's page: the conference, its quota and delegates (names only),
    a delegate to register, a decision to propose."""
    invitation = (
        Invitation.objects.select_related("conference", "organization").filter(token=token).first()
    )
    if invitation is None:
        raise Http404
    conference, organization = invitation.conference, invitation.organization
    posted = request.method == "POST"
    limited = posted and INVITATION_LIMIT.exceeded(request)
    services.invitation_opened(invitation=invitation)
    delegate_form = DelegateForm(request.POST if posted and "register" in request.POST else None)
    proposal_form = ProposalForm(request.POST if posted and "propose" in request.POST else None)
    status = 200
    sent = delegate_form if delegate_form.is_bound else proposal_form
    if limited:
        status = INVITATION_LIMIT.refuse(sent)
    elif posted and sent.is_valid():
        try:
            if sent is delegate_form:
                services.invitation_register_delegate(invitation=invitation, **sent.cleaned_data)
                done = gettext("The delegate was registered.")
            else:
                services.invitation_propose(invitation=invitation, **sent.cleaned_data)
                done = gettext("Your proposal was sent to the Council secretary.")
        except ValidationError as error:
            sent.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(request.path)
    proposals = list(
        conference.proposals.filter(organization=organization).prefetch_related(
            "drafts__decision__resolution__conference"
        )
    )
    queries.proposal_outcomes(proposals)
    context = {
        "invitation": invitation,
        "conference": conference,
        "organization": organization,
        "agenda": conference.agenda.order_by("sort_order"),
        "quota": delegate_quota_for(conference, organization),
        "delegates": list(
            conference.delegates.filter(organization=organization).values_list(
                "full_name", flat=True
            )
        ),
        "proposals": proposals,
        "registration_open": conference.status == ConferenceStatus.REGISTRATION_OPEN,
        "proposals_accepted": rules.proposals_accepted(conference),
        "delegate_form": delegate_form,
        "proposal_form": proposal_form,
    }
    return render_page(
        page, request, "conferences/preparation/invitation.html", context, status=status
    )
