from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import FilterForm, SearchField
from sovet.core.models import Region

from .models.registry import OrganizationTag, OrganizationType


class DirectoryFilterForm(FilterForm):
    """The directory's (and its map's) filters, by the names `queries.directory` knows."""

    arguments = {"q": "query"}

    KIND_CHOICES = [
        ("", _("Members and partners")),
        ("member", _("Members")),
        ("partner", _("Partners")),
    ]

    q = SearchField(label=_("Name, city or leader"), max_length=100, full_text=True)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
        to_field_name="code",
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *OrganizationType.choices]
    )
    tag = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=OrganizationTag.objects.all(),
        empty_label=_("All activities"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(label=_("Membership"), choices=KIND_CHOICES)
