from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sovet.core.models import Region
from sovet.organizations.models import Organization

from .models import Audience, Campaign, EventSeries, EventTag

# The calendar's filters, by name: what the list, the month, the feeds and links share.
FILTER_NAMES = (
    "q",
    "city",
    "region",
    "organization",
    "tag",
    "audience",
    "campaign",
    "series",
    "date_from",
    "date_to",
)


class CalendarFilterForm(forms.Form):
    """The calendar's filters. A bad value is ignored (and shown as an error), never a failure."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    city = forms.CharField(
        label=_("City or village"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "event-cities", "autocomplete": "off"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    organization = forms.ModelChoiceField(
        label=_("Organizer"),
        queryset=Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en").order_by(
            "name_ru"
        ),
        required=False,
        empty_label=_("All organizations"),
        to_field_name="slug",
    )
    tag = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=EventTag.objects.all(),
        required=False,
        empty_label=_("All topics"),
        to_field_name="slug",
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("Any audience")), *Audience.choices],
        required=False,
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        required=False,
        empty_label=_("All campaigns"),
        to_field_name="slug",
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=EventSeries.objects.all(),
        required=False,
        empty_label=_("All series"),
        to_field_name="slug",
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    # Shown at once; the others wait under "More filters" unless one of them is in use.
    MAIN = ("q", "city", "region", "organization")

    def main_fields(self):
        return [self[name] for name in self.MAIN]

    def more_fields(self):
        return [self[name] for name in self.fields if name not in self.MAIN]

    def more_in_use(self) -> bool:
        return self.is_bound and any(
            (self.data.get(field.name) or "").strip() for field in self.more_fields()
        )

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `queries.calendar`; invalid ones are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": (data.get("q") or "").strip(),
            "city": (data.get("city") or "").strip(),
            "region": data.get("region"),
            "organization": data.get("organization"),
            "tag": data.get("tag"),
            "audience": data.get("audience") or "",
            "campaign": data.get("campaign"),
            "series": data.get("series"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    def query_string(self, exclude=()) -> str:
        """The valid filters as they were typed, for links that keep them (feeds, other views)."""
        if not self.is_bound:
            return ""
        self.is_valid()
        kept = [
            (name, self.data[name].strip())
            for name in FILTER_NAMES
            if name not in self.errors
            and name not in exclude
            and (self.data.get(name) or "").strip()
        ]
        return urlencode(kept)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)
    # "Seats" alone is already the Council's seats in the catalogue.
    seats = forms.IntegerField(
        label=pgettext_lazy("event registration", "Seats"), min_value=1, max_value=10, initial=1
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for this registration."),
        required=True,
    )
