from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sovet.core.filters import FilterForm, SearchField
from sovet.core.models import Region
from sovet.organizations.models import Organization

from .models import Audience, Campaign, EventSeries, EventTag


class CalendarFilterForm(FilterForm):
    """The calendar's filters: what the list, the month, the feeds and their links share."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Search"), max_length=100)
    city = forms.CharField(
        label=_("City or village"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "event-cities", "autocomplete": "off"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
        to_field_name="code",
    )
    organization = forms.ModelChoiceField(
        label=_("Organizer"),
        queryset=Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en").order_by(
            "name_ru"
        ),
        empty_label=_("All organizations"),
        to_field_name="slug",
    )
    tag = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=EventTag.objects.all(),
        empty_label=_("All topics"),
        to_field_name="slug",
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("Any audience")), *Audience.choices]
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.all(),
        empty_label=_("All campaigns"),
        to_field_name="slug",
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=EventSeries.objects.all(),
        empty_label=_("All series"),
        to_field_name="slug",
    )
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    # Shown at once; the others wait under "More filters" unless one of them is in use.
    MAIN = ("q", "city", "region", "organization")

    def main_fields(self):
        return [self[name] for name in self.MAIN]

    def more_fields(self):
        return [self[name] for name in self.fields if name not in self.MAIN]

    def more_in_use(self) -> bool:
        return self.is_bound and any(self.data.get(field.name) for field in self.more_fields())


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
