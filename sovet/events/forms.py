from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sovet.core.filters import (
    FilterForm,
    SearchField,
    choice_filter,
    object_filter,
    region_filter,
)
from sovet.core.reach import PhoneField, ReachBackForm
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
    region = region_filter()
    organization = object_filter(
        _("Organizer"),
        Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en").order_by(
            "name_ru"
        ),
        every=_("All organizations"),
    )
    tag = object_filter(_("Topic"), EventTag.objects.all(), every=_("All topics"))
    audience = choice_filter(_("Audience"), Audience.choices, every=_("Any audience"))
    campaign = object_filter(_("Campaign"), Campaign.objects.all(), every=_("All campaigns"))
    series = object_filter(_("Series"), EventSeries.objects.all(), every=_("All series"))
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


class RegistrationForm(ReachBackForm, forms.Form):
    """An e-mail, a phone or both (core.reach): without an e-mail, the organizers call."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("An e-mail or a phone number, or both. We send the confirmation by e-mail."),
    )
    phone = PhoneField(
        label=_("Phone"),
        help_text=_("No e-mail? Give your phone: the organizers will call you back."),
    )
    # "Seats" alone is already the Council's seats in the catalogue.
    seats = forms.IntegerField(
        label=pgettext_lazy("event registration", "Seats"), min_value=1, max_value=10, initial=1
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for this registration."),
        required=True,
    )
