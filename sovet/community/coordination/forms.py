"""Forms of coordination: a volunteer's hours outside shifts (public), and the coordinators'
corrections and decisions (admin)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sovet.core.i18n import language_of
from sovet.organizations.models import Organization

from ..models import Project, Volunteer


class NamesSelect(forms.Select):
    """Options named in the language their name is shown in (Russian as the fallback)."""

    field = "name"

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["lang"] = language_of(instance, self.field)
        return option


class TitlesSelect(NamesSelect):
    field = "title"


class HoursLogForm(forms.Form):
    """Hours a volunteer gave outside shifts: to which organization, when, how long, what."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        empty_label=None,
        widget=NamesSelect,
    )
    project = forms.ModelChoiceField(
        label=_("Project (if any)"),
        queryset=Project.objects.none(),
        required=False,
        widget=TitlesSelect,
    )
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
        help_text=_("From 0.25 to 24, in quarters of an hour."),
    )
    description = forms.CharField(
        label=_("What was done"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.order_by("name_ru")
        self.fields["organization"].queryset = organizations
        if volunteer is not None and volunteer.organization_id:
            self.fields["organization"].initial = volunteer.organization_id
        self.fields["project"].queryset = Project.objects.filter(published=True).select_related(
            "organization"
        ).order_by("title_ru")  # fmt: skip
        self.fields["organization"].label_from_instance = lambda o: o.name
        self.fields["project"].label_from_instance = lambda p: p.title

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        project, organization = cleaned.get("project"), cleaned.get("organization")
        if project and organization and project.organization_id != organization.pk:
            self.add_error("project", _("The project belongs to another organization."))
        return cleaned


class CorrectionForm(forms.Form):
    """Other hours than the shift's length, and why."""

    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0"), max_value=Decimal("24"), decimal_places=2
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)


class DecisionForm(forms.Form):
    """Approve or refuse (hours, a guardian's form); a refusal says why."""

    reason = forms.CharField(label=_("Reason (required to refuse)"), max_length=300, required=False)


class StaffHoursForm(HoursLogForm):
    """A coordinator logs hours for a volunteer they reach, for an organization they coordinate
    (approved at once)."""

    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())

    field_order = ["volunteer", "organization", "project", "day", "hours", "description"]

    def __init__(self, *args, volunteers, organizations, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers.order_by("full_name", "pk")
        self.fields["organization"].queryset = organizations
        self.fields["organization"].label_from_instance = lambda o: o.name_ru
        self.fields["project"].queryset = projects.select_related("organization")
        self.order_fields(self.field_order)
