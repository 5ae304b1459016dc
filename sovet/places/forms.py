from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import (
    FilterForm,
    SearchField,
    choice_filter,
    object_filter,
    region_filter,
)
from sovet.organizations.models import Organization

from .models import Condition, PlaceKind, PlaceStatus


class PlaceFilterForm(FilterForm):
    """The list's (and the map's) filters, by the names `queries` knows them by."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Name"), max_length=100)
    kind = choice_filter(_("Kind"), PlaceKind.choices, every=_("All kinds"))
    region = region_filter()
    condition = choice_filter(_("Condition"), Condition.choices, every=_("Any condition"))
    caretaker = object_filter(
        _("Looked after by"),
        # Only organizations that look after a published place: the others would find nothing.
        Organization.objects.filter(
            pk__in=Organization.objects.filter(
                memorial_places__status=PlaceStatus.PUBLISHED
            ).values("pk")
        )
        .only("pk", "slug", "name_ru", "name_ky", "name_en")
        .order_by("name_ru"),
        every=_("Any organization"),
    )
    needs_visit = forms.BooleanField(label=_("Needs a visit"))
