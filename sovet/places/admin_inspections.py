"""Staff admin: inspections of memorial places, with their photos.

Whoever may edit a place (its caretaker's editors, the memory moderators, the Council) records,
corrects and deletes its inspections; every page of one inspection checks that place (the admin
kit, with PLACE_RECORDS). Saving
goes through the services, which keep the place's condition from its latest inspection.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import cached_property, lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from sovet.core.admin import AdminViewSet, Rules
from sovet.core.images import check_image

from . import rules, services
from .models import Inspection, MemorialPlace

MAX_PHOTOS = 3
ACCEPTED_IMAGES = "image/jpeg,image/png,image/webp,image/gif"


def place_label():
    # The models' foreign keys have no names of their own: the place's is the model's.
    return capfirst(MemorialPlace._meta.verbose_name)


# Inspections and photos belong to a place: whoever may edit the place keeps them. The lists open
# for everyone who keeps some place and show only theirs.
PLACE_RECORDS = Rules(opens=rules.keeps_places, reach=rules.editable_place_records)


class ServiceErrorsOnForm:
    """What the services refuse (a date in the future…) is shown on the form's fields, with what
    was typed; the transaction around the save is rolled back, so nothing is kept."""

    # The services' field names that the form calls otherwise.
    error_fields: dict[str, str] = {}

    def save_instance(self):
        try:
            return super().save_instance()
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                name = self.error_fields.get(name, name)
                self.form.add_error(name if name in self.form.fields else None, errors)
            raise _FormInvalid from error

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except _FormInvalid:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class PlaceFromAddress:
    """A new inspection or photo starts at the place named by ``?place=`` (the places list's
    row menu links there)."""

    def get_initial(self):
        initial = super().get_initial()
        if (place := self.request.GET.get("place", "")).isdigit():
            initial["place"] = place
        return initial


class _FormInvalid(Exception):
    """The service refused what the form accepted: the form is shown again with its errors."""


# Labels translated when shown, in the reader's language.
_photo_label = lazy(lambda number: gettext("Photo %(number)s") % {"number": number}, str)
_caption_label = lazy(
    lambda number: gettext("Caption of photo %(number)s") % {"number": number}, str
)


def photo_field(number: int) -> forms.FileField:
    return forms.FileField(
        label=_photo_label(number),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPTED_IMAGES}),
    )


def caption_field(number: int) -> forms.CharField:
    return forms.CharField(
        label=_caption_label(number),
        required=False,
        max_length=255,
    )


class InspectionForm(WagtailAdminModelForm):
    """The places this user may edit (the place of a recorded inspection stays); up to three
    photos, dated by the inspection. Dates are checked by the services, on their fields."""

    photo_1, caption_1 = photo_field(1), caption_field(1)
    photo_2, caption_2 = photo_field(2), caption_field(2)
    photo_3, caption_3 = photo_field(3), caption_field(3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "place" in self.fields:
            field = self.fields["place"]
            field.label = place_label()
            field.queryset = rules.editable_places(
                self.for_user, MemorialPlace.objects.order_by("name_ru")
            )
            # A correction is of the visit, not of where it was.
            field.disabled = self.instance.pk is not None

    def _clean_photo(self, name):
        # Checked here so that every bad photo is named at once; the service checks again.
        upload = self.cleaned_data.get(name)
        if upload:
            check_image(upload)
        return upload

    def clean_photo_1(self):
        return self._clean_photo("photo_1")

    def clean_photo_2(self):
        return self._clean_photo("photo_2")

    def clean_photo_3(self):
        return self._clean_photo("photo_3")

    def photos(self) -> list[tuple]:
        """(upload, caption) of each photo given, in order."""
        return [
            (self.cleaned_data[f"photo_{n}"], self.cleaned_data.get(f"caption_{n}", ""))
            for n in range(1, MAX_PHOTOS + 1)
            if self.cleaned_data.get(f"photo_{n}")
        ]

    def save(self, commit=True):
        data = self.cleaned_data
        values = {
            "inspected_on": data["inspected_on"],
            "condition": data["condition"],
            "notes": data.get("notes", ""),
            "by": self.for_user,
        }
        with transaction.atomic():
            if self.instance.pk is None:
                inspection = services.inspection_record(data["place"], **values)
            else:
                inspection = services.inspection_update(self.instance, **values)
            services.inspection_photos_add(inspection, self.photos())
        return inspection


class InspectionPhotosPanel(HelpPanel):
    """The photos already taken at this inspection (on its edit page)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "places/admin/inspection_photos.html")
        kwargs.setdefault("heading", _("Photos of this inspection"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["photos"] = list(self.instance.photos.select_related("place").order_by("pk"))
            return context


class InspectionCreateView(PlaceFromAddress, ServiceErrorsOnForm, generic.CreateView):
    pass


class InspectionEditView(ServiceErrorsOnForm, generic.EditView):
    def get_success_message(self):
        return gettext("The inspection is saved; the place's condition follows the latest one.")


class InspectionDeleteView(generic.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete")
            services.inspection_delete(self.object, self.request.user)

    @property
    def confirmation_message(self):
        count = self.object.photos.count()
        message = gettext(
            "Delete this inspection? The place's condition will follow the latest of the others."
        )
        if count:
            message += " " + ngettext(
                "Its photo stays with the place.",
                "Its %(count)s photos stay with the place.",
                count,
            ) % {"count": count}
        return message


class InspectionIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].label = place_label()  # the title column: the place, linking to the edit page
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("place", "by")


def _photo_rows():
    return [
        FieldRowPanel([FieldPanel(f"photo_{n}"), FieldPanel(f"caption_{n}")])
        for n in range(1, MAX_PHOTOS + 1)
    ]


class InspectionViewSet(AdminViewSet):
    """Registered by wagtail_hooks.PlacesGroup as ``InspectionViewSet("places_inspection")``."""

    model = Inspection
    permission_rules = PLACE_RECORDS
    icon = "tick"
    menu_order = 110
    index_view_class = InspectionIndexView
    add_view_class = InspectionCreateView
    edit_view_class = InspectionEditView
    delete_view_class = InspectionDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "place",
        "inspected_on",
        "condition",
        Column("by", label=_("Recorded by")),
    ]
    list_filter = ["condition"]
    search_fields = ["place__name_ru"]
    ordering = ["-inspected_on", "-pk"]
    edit_handler = ObjectList(
        [
            # A plain list of the places this user keeps, not the chooser of public places.
            FieldPanel("place", widget=forms.Select),
            FieldRowPanel([FieldPanel("inspected_on"), FieldPanel("condition")]),
            FieldPanel("notes"),
            InspectionPhotosPanel(),
            MultiFieldPanel(
                _photo_rows(),
                heading=_("Photos taken at the inspection"),
                help_text=_(
                    "Up to three photos at a time, dated by the inspection. JPEG, PNG, WebP or "
                    "GIF; their location data is removed."
                ),
            ),
        ],
        base_form_class=InspectionForm,
    )
