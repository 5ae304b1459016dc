"""Staff admin: dated photos of memorial places, which together show a place over the years.

The same people as for inspections (whoever may edit the place) add, re-date, caption and delete
them; the picture itself is never edited in place: a new one is added. Saving goes through the
services (a clean JPEG without EXIF or GPS, files removed with the photo).
"""

import django_filters
from django import forms
from django.db import transaction
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log

from sovet.core.admin import AdminViewSet

from . import rules, services
from .admin_inspections import (
    ACCEPTED_IMAGES,
    PLACE_RECORDS,
    PlaceFromAddress,
    ServiceErrorsOnForm,
    place_label,
)
from .models import Inspection, MemorialPlace, PlacePhoto


def _editable_places(request):
    return rules.editable_places(request.user, MemorialPlace.objects.order_by("name_ru", "pk"))


class PlacePhotoFilterSet(WagtailFilterSet):
    # Only the places this user keeps: another organization's drafts are not theirs to see.
    place = django_filters.ModelChoiceFilter(
        label=lazy(place_label, str)(), queryset=_editable_places
    )

    class Meta:
        model = PlacePhoto
        fields = ["place"]


class PlacePhotoForm(WagtailAdminModelForm):
    """A new photo: a place this user may edit, the picture, its date and caption, and an
    inspection of that place if it was taken at one. Later only the date and caption change."""

    upload = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, WebP or GIF; its location data is removed."),
        widget=forms.FileInput(attrs={"accept": ACCEPTED_IMAGES}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("place", "upload", "inspection"):
                self.fields.pop(name, None)
            return
        places = rules.editable_places(self.for_user, MemorialPlace.objects.order_by("name_ru"))
        if "place" in self.fields:
            self.fields["place"].label = place_label()
            self.fields["place"].queryset = places
            self.fields["place"].required = True
        if "inspection" in self.fields:
            self.fields["inspection"].label = capfirst(Inspection._meta.verbose_name)
            self.fields["inspection"].queryset = Inspection.objects.filter(
                place__in=places.values("pk")
            ).select_related("place")
            self.fields["inspection"].help_text = _(
                "If the photo was taken at an inspection of this place."
            )

    def save(self, commit=True):
        data = self.cleaned_data
        if self.instance.pk is not None:
            return services.place_photo_update(
                self.instance, taken_on=data.get("taken_on"), caption=data.get("caption", "")
            )
        return services.place_photo_add(
            data["place"],
            data["upload"],
            taken_on=data.get("taken_on"),
            caption=data.get("caption", ""),
            inspection=data.get("inspection"),
        )


class PhotoPreviewPanel(HelpPanel):
    """The picture itself, on its edit page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "places/admin/photo_preview.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return self.instance.pk is not None


class ThumbnailColumn(Column):
    cell_template_name = "places/admin/photo_thumbnail_cell.html"


def _inspection_label(photo) -> str:
    inspection = photo.inspection
    if inspection is None:
        return ""
    return f"{date_format(inspection.inspected_on)}: {inspection.get_condition_display()}"


class PlacePhotoIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("place", "inspection")


class PlacePhotoCreateView(PlaceFromAddress, ServiceErrorsOnForm, generic.CreateView):
    error_fields = {"image": "upload"}


class PlacePhotoEditView(ServiceErrorsOnForm, generic.EditView):
    pass


class PlacePhotoDeleteView(generic.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete")
            services.place_photo_delete(self.object)


class PlacePhotoViewSet(AdminViewSet):
    """Registered by wagtail_hooks.PlacesGroup as ``PlacePhotoViewSet("places_photo")``."""

    model = PlacePhoto
    permission_rules = PLACE_RECORDS
    icon = "image"
    menu_order = 120
    index_view_class = PlacePhotoIndexView
    add_view_class = PlacePhotoCreateView
    edit_view_class = PlacePhotoEditView
    delete_view_class = PlacePhotoDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = PlacePhotoFilterSet
    list_display = [
        "__str__",
        ThumbnailColumn("thumbnail", label=pgettext_lazy("a photo's small copy", "Preview")),
        Column("place", label=lazy(place_label, str)(), sort_key="place__name_ru"),
        "taken_on",
        Column(
            "inspection",
            label=lazy(lambda: capfirst(Inspection._meta.verbose_name), str)(),
            accessor=_inspection_label,
        ),
    ]
    search_fields = ["caption", "place__name_ru"]
    ordering = ["-taken_on", "-pk"]
    edit_handler = ObjectList(
        [
            PhotoPreviewPanel(heading=_("Photo")),
            # A plain list of the places this user keeps, not the chooser of public places.
            FieldPanel("place", widget=forms.Select),
            FieldPanel("upload"),
            FieldRowPanel([FieldPanel("taken_on"), FieldPanel("caption")]),
            FieldPanel("inspection", widget=forms.Select),
        ],
        base_form_class=PlacePhotoForm,
    )
