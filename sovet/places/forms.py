from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import FilterForm, SearchField
from sovet.core.models import Region
from sovet.organizations.models import Organization

from .models import Condition, PlaceKind, PlaceStatus


class PlaceFilterForm(FilterForm):
    """The list's (and the map's) filters, by the names `queries` knows them by."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *PlaceKind.choices])
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
        to_field_name="code",
    )
    condition = forms.ChoiceField(
        label=_("Condition"), choices=[("", _("Any condition")), *Condition.choices]
    )
    caretaker = forms.ModelChoiceField(
        label=_("Looked after by"),
        # Only organizations that look after a published place: the others would find nothing.
        queryset=Organization.objects.filter(
            pk__in=Organization.objects.filter(
                memorial_places__status=PlaceStatus.PUBLISHED
            ).values("pk")
        )
        .only("pk", "slug", "name_ru", "name_ky", "name_en")
        .order_by("name_ru"),
        empty_label=_("Any organization"),
        to_field_name="slug",
    )
    needs_visit = forms.BooleanField(label=_("Needs a visit"))
