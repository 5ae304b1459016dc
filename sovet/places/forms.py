from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region
from sovet.organizations.models import Organization

from .models import Condition, PlaceKind, PlaceStatus

# Query-string names of the filters, and the name `queries` knows each by.
FILTERS = {
    "q": "query",
    "kind": "kind",
    "region": "region",
    "condition": "condition",
    "caretaker": "caretaker",
    "needs_visit": "needs_visit",
}


def _with_count(label, count) -> str:
    return f"{label} ({count or 0})"


class PlaceFilterForm(forms.Form):
    """The list's filters. A bad value is ignored (and shown as an error), never a failure."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *PlaceKind.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    condition = forms.ChoiceField(
        label=_("Condition"),
        choices=[("", _("Any condition")), *Condition.choices],
        required=False,
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
        required=False,
        empty_label=_("Any organization"),
        to_field_name="slug",
    )
    needs_visit = forms.BooleanField(label=_("Needs a visit"), required=False)

    def filters(self) -> dict:
        """The valid filters, by the names `queries` knows them by; invalid ones are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "region": data.get("region"),
            "condition": data.get("condition") or "",
            "caretaker": data.get("caretaker"),
            "needs_visit": bool(data.get("needs_visit")),
        }

    def show_counts(self, counts: dict) -> None:
        """Put in each option's label how many places it would show, the other filters kept."""
        for name in ("kind", "condition"):
            field = self.fields[name]
            field.choices = [
                (value, label if not value else _with_count(label, counts[name].get(value)))
                for value, label in field.choices
            ]
        for name in ("region", "caretaker"):
            found = counts[name]
            self.fields[name].label_from_instance = lambda obj, found=found: _with_count(
                obj.name, found.get(obj.pk)
            )
        self.fields["needs_visit"].label = _with_count(
            self.fields["needs_visit"].label, counts["needs_visit"]
        )
