from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region

from .models.registry import OrganizationTag, OrganizationType


class DirectoryFilterForm(forms.Form):
    """The directory's filters. Unknown values are ignored rather than shown as errors."""

    KIND_CHOICES = [
        ("", _("Members and partners")),
        ("member", _("Members")),
        ("partner", _("Partners")),
    ]

    q = forms.CharField(label=_("Name, city or leader"), required=False, max_length=100)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *OrganizationType.choices], required=False
    )
    tag = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=OrganizationTag.objects.all(),
        required=False,
        empty_label=_("All activities"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(label=_("Membership"), choices=KIND_CHOICES, required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if value}
        return {
            "query": self.cleaned_data["q"].strip(),
            "region": self.cleaned_data["region"],
            "type": self.cleaned_data["type"],
            "tag": self.cleaned_data["tag"],
            "kind": self.cleaned_data["kind"],
        }
