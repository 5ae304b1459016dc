"""The public forms of memorial places: the list's filters and a visitor's report."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import (
    FilterForm,
    SearchField,
    choice_filter,
    object_filter,
    region_filter,
)
from sovet.core.images import check_image, gps_position
from sovet.core.reach import PhoneField, ReachBackForm
from sovet.organizations.models import Organization

from . import rules, services
from .models import Condition, PlaceKind, PlaceStatus

SIX_PLACES = Decimal("0.000001")


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


class CoordinateField(forms.DecimalField):
    """Degrees as a phone or a map gives them: a comma or a point, any number of decimals
    (kept to six, about 10 cm)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        value = super().to_python(value)
        if value is not None:
            try:
                value = value.quantize(SIX_PLACES)
            except InvalidOperation:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return value


class ReportForm(ReachBackForm, forms.Form):
    """A visitor's report. About a listed place, the place's own coordinates are used (the form
    asks none); about a place missing from the list, where it is. An e-mail, a phone or both."""

    reach_fields = ("reporter_email", "reporter_phone")

    kind = forms.ChoiceField(label=_("What is it about?"), widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What did you see?"),
        help_text=_(
            "What is damaged or missing, since when, and where exactly (an address or a landmark)."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please describe what you saw.")},
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        help_text=_("Take a photo or choose one. The location is removed from it."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    latitude = CoordinateField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = CoordinateField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    reporter_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("To tell you what was done. Only the staff see it; it is never published."),
    )
    reporter_phone = PhoneField(
        label=_("Your phone"),
        help_text=_(
            "No e-mail? Give your phone and we will call you back. Only the staff see it; it is "
            "never published."
        ),
    )

    def __init__(self, *args, place=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.photo_location = None
        kinds = rules.kinds_for(place)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0].value
        if place is not None:  # the place is on the map already: its coordinates are known
            del self.fields["latitude"], self.fields["longitude"]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        clean = check_image(upload)  # refuses what is not a sound image, before anything else
        # Read from the original: where the phone says the photo was taken (the copy has no GPS).
        if self.place is None:
            self.photo_location = gps_position(upload)
        return clean

    def clean(self):
        cleaned = super().clean()
        if self.place is not None or "latitude" in self.errors or "longitude" in self.errors:
            return cleaned
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None and longitude is None and self.photo_location:
            latitude, longitude = cleaned["latitude"], cleaned["longitude"] = self.photo_location
        if latitude is None and longitude is None:
            # A place missing from the list can only be added where it is.
            if cleaned.get("photo"):
                message = gettext(
                    "Your photo carries no location. Use your location, or type the "
                    "coordinates of the place."
                )
            else:
                message = gettext(
                    "Tell us where the place is: use your location, type the coordinates, or "
                    "send a photo taken there with the phone's location turned on."
                )
            self.add_error("latitude", ValidationError(message, code="no_location"))
            return cleaned
        try:
            services.check_location(latitude, longitude)
        except ValidationError as error:
            self.add_error("latitude", error)
        return cleaned

    def report_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "kind",
                "description",
                "photo",
                "latitude",
                "longitude",
                "reporter_name",
                "reporter_email",
                "reporter_phone",
            )
        }
