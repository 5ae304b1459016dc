"""The preparation's forms: the secretary's (proposals, invitations, a decline) and the invited
organization's (a delegate, a proposal) on its private page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from sovet.core.reach import PhoneField

from ..models import ProposalStatus


class ProposalsForm(forms.Form):
    open = forms.BooleanField(label=_("Proposals are open"), required=False)
    close_on = forms.DateField(
        label=_("Proposals close on"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Leave empty to close them by hand."),
    )


class OrganizationsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, organization):
        address = organization.email or _("no e-mail address")
        return f"{organization.name_ru} — {address}"


class InviteForm(forms.Form):
    organizations = OrganizationsChoiceField(
        label=_("Organizations to invite"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each gets a letter with its own private link; a new letter replaces the old link."
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organizations
        # Every active member, unless the secretary chooses otherwise.
        self.fields["organizations"].initial = [o.pk for o in organizations]


class DeclineForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=None)
    reason = forms.CharField(
        label=_("Why it is declined"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The proposal's author reads this by e-mail."),
        error_messages={"required": _("Write why the proposal is declined.")},
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        field.queryset = proposals.filter(status=ProposalStatus.SUBMITTED)
        field.label_from_instance = lambda p: f"{p.organization.name_ru}: {p}"


class DelegateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail (not published)"), required=False)
    phone = PhoneField(label=_("Phone (not published)"), required=False)


class ProposalForm(forms.Form):
    text = forms.CharField(
        label=_("Proposed decision"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000
    )
