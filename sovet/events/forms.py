from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region
from sovet.organizations.models import Organization

from .models import EventSeries


class CalendarFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    organization = forms.ModelChoiceField(
        label=_("Organizer"),
        queryset=Organization.objects.order_by("name_ru"),
        required=False,
        empty_label=_("All organizations"),
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
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": (data.get("q") or "").strip(),
            "region": data.get("region"),
            "organization": data.get("organization"),
            "series": data.get("series"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10, initial=1)
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for this registration."),
        required=True,
    )
