"""Memorial places' admin (the places and their inspections) and hooks into the rest of the site."""

import re
from copy import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from sovet.core.admin import AdminViewSet, Rules
from sovet.core.desk import DeskItem
from sovet.core.lookups import index_page
from sovet.core.pages import page_section
from sovet.core.translations import untranslated_records
from sovet.memory.models import WarParticipant
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations

from . import admin_inspections, admin_photos, queries, rules, services
from .demo import add_pages
from .models import MemorialPlace, PlaceReport, PlacesIndexPage, PlaceStatus, ReportStatus
from .services import period_figures
from .views import organization_card_section


@hooks.register("demo_pages")
def places_demo_pages(home):

    return add_pages(home)


# Places


class CardNumbersInput(forms.Textarea):
    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return super().format_value(value)


class CardNumbersField(forms.ModelMultipleChoiceField):
    """People as their memory cards' numbers, one per line or comma-separated: the archive holds
    tens of thousands of cards, too many for a list to choose from."""

    widget = CardNumbersInput(attrs={"rows": 3})

    def clean(self, value):
        if isinstance(value, str):
            value = [part for part in re.split(r"[\s,;]+", value) if part]
        bad = [str(part) for part in value or [] if not str(part).isdigit()]
        if bad:
            raise ValidationError(
                gettext("Card numbers are digits only: %(bad)s.") % {"bad": ", ".join(bad)},
                code="invalid_number",
            )
        return super().clean(value)


class PlaceForm(WagtailAdminModelForm):
    """The caretaker limited to the editor's organizations, publication left to the moderators and
    the Council, coordinates checked by services.check_location on their fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if not rules.can_publish_place(user):
            self.fields.pop("status", None)
        if "caretaker" in self.fields and not rules.can_manage_places(user):
            field = self.fields["caretaker"]
            field.queryset = editable_organizations(user, Organization.objects.order_by("name_ru"))
            field.required = True
        if "participants" in self.fields:
            original = self.fields["participants"]
            self.fields["participants"] = CardNumbersField(
                queryset=WarParticipant.objects.all(),
                required=False,
                label=original.label,
                help_text=_(
                    "The numbers of their cards in the memory archive, one per line "
                    "(the number is in the card's address)."
                ),
            )
            if self.instance.pk:
                named = ", ".join(
                    f"{card.full_name} ({card.pk})" for card in self.instance.participants.all()
                )
                if named:
                    self.fields["participants"].help_text = gettext("Now: %(names)s.") % {
                        "names": named
                    }

    def clean(self):
        cleaned = super().clean()
        # The place as it would be saved, built on a copy: the form's instance stays untouched.
        candidate = construct_instance(self, copy(self.instance))
        try:
            services.check_location(candidate.latitude, candidate.longitude)
        except ValidationError as error:
            if "latitude" in self.fields and "latitude" not in self.errors:
                self.add_error("latitude", error)
        return cleaned

    def save(self, commit=True):
        place = super().save(commit=False)
        if commit:
            services.place_save(place, by=self.for_user)
            self.save_m2m()
        return place


class PlaceDeleteView(generic.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete")
            services.place_delete(self.object)  # with its photos' and reports' files


class PlaceIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("region", "caretaker")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if rules.can_manage_places(self.request.user):
            buttons.append(
                HeaderButton(gettext("Import"), url=reverse("places_import"), icon_name="upload")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url_name, icon) in enumerate(
            [
                (gettext("Record an inspection"), "places_inspection:add", "tick"),
                (gettext("Add a photo"), "places_photo:add", "image"),
                (gettext("Photos"), "places_photo:index", "folder-open-inverse"),
            ],
            start=15,
        ):
            url = f"{reverse(url_name)}?place={instance.pk}"
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class PlaceViewSet(AdminViewSet):
    """Moderators and the Council keep every place; an organization's editors, those it looks
    after (but delete none)."""

    model = MemorialPlace
    permission_rules = Rules(
        opens=rules.keeps_places, delete=rules.can_manage_places, reach=rules.editable_places
    )
    icon = "site"
    menu_order = 100
    index_view_class = PlaceIndexView
    delete_view_class = PlaceDeleteView
    # A copy would be a second pin on the same spot.
    copy_view_enabled = False
    list_display = ["name_ru", "kind", "region", "condition", "inspected_on", "status", "caretaker"]
    list_filter = ["kind", "region", "condition", "status"]
    search_fields = ["name_ru"]
    ordering = ["name_ru"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name_ru"), FieldPanel("name_ky"), FieldPanel("name_en")],
                heading=_("Name"),
            ),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
            FieldPanel("address"),
            FieldPanel("region"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            FieldPanel("description"),
            FieldPanel("history"),
            FieldRowPanel([FieldPanel("year_erected"), FieldPanel("architect")]),
            FieldPanel("participants"),
            FieldPanel("unnamed_count"),
            FieldPanel("caretaker"),
        ],
        base_form_class=PlaceForm,
    )


class PlacesGroup(ViewSetGroup):
    menu_label = capfirst(MemorialPlace._meta.verbose_name_plural)
    menu_icon = "site"
    menu_order = 230
    items = [
        PlaceViewSet("places_place"),
        admin_inspections.InspectionViewSet("places_inspection"),
        admin_photos.PlacePhotoViewSet("places_photo"),
    ]


@hooks.register("register_admin_viewset")
def register_places():
    return PlacesGroup()


@hooks.register("organization_card_sections")
def places_on_organization_card(request, organization):

    return organization_card_section(request, organization)


@hooks.register("period_figures")
def places_period_figures(start, end):

    return period_figures(start, end)


# Chooser (an event held at a memorial place)


class PlaceChooserFilterForm(BaseFilterForm):
    """Names compared folded, in any language (SQLite's LIKE ignores Cyrillic case)."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200)

    def filter(self, objects):
        query = self.cleaned_data.get("q", "") if self.is_valid() else ""
        matches = queries.name_matches(query)
        if matches is not None:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(pk__in=matches)
        return objects


class PlaceChooseViewMixin:
    filter_form_class = PlaceChooserFilterForm

    def get_object_list(self):
        return queries.public_places().order_by("name_ru", "pk")


class PlaceChooseView(PlaceChooseViewMixin, chooser_views.ChooseView):
    pass


class PlaceChooseResultsView(PlaceChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class PlaceChooserViewSet(ChooserViewSet):
    """The widget of every admin field pointing to a place: only places on the public map."""

    model = MemorialPlace
    icon = "site"
    choose_one_text = _("Choose a memorial place")
    choose_another_text = _("Choose another memorial place")
    choose_view_class = PlaceChooseView
    choose_results_view_class = PlaceChooseResultsView
    per_page = 20


@hooks.register("register_admin_viewset")
def register_place_chooser():
    return PlaceChooserViewSet("places_chooser")


@hooks.register("person_page_sections")
def places_on_person_page(request, card):
    """The memory archive's person page: the memorial places where the person is commemorated."""

    page = index_page(PlacesIndexPage)
    if page is None:
        return None
    # Listed when there are some; the link to all places is there even when none is.
    places = list(queries.public_places().filter(participants=card).order_by("name_ru", "pk"))
    return page_section(
        request,
        gettext("Memorial places"),
        "places/includes/person_places.html",
        {"places": places, "page": page},
    )


@hooks.register("memory_page_sections")
def places_on_memory_page(request, memory_page):
    """The memory archive's page: a link to the memorial places and how many there are."""

    page = index_page(PlacesIndexPage)
    if page is None:
        return None
    return page_section(
        request,
        gettext("Memorial places"),
        "places/includes/memory_places.html",
        {"page": page, "count": queries.public_places().count()},
    )


from . import admin_import, admin_reports, adoption  # noqa: E402, F401 (register their admin pages)


@hooks.register("desk_items")
def places_on_the_desk(request):
    """Visitors' reports still open (each user sees those they handle); an organization's
    editors: the places it looks after."""
    user, items = request.user, []
    if rules.may_see_reports(user):
        reports = rules.handled_reports(
            user,
            PlaceReport.objects.filter(status__in=[ReportStatus.NEW, ReportStatus.IN_PROGRESS]),
        )
        items.append(
            DeskItem(gettext("Open reports about memorial places"), reverse("places_reports"),
                     reports.count(), order=60)
        )  # fmt: skip
    if rules.keeps_places(user) and not rules.can_manage_places(user):
        places = rules.editable_places(user, MemorialPlace.objects.all())
        items.append(
            DeskItem(gettext("Memorial places we look after"), reverse("places_place:index"),
                     places.count(), order=65)
        )  # fmt: skip
    return items


@hooks.register("public_models")
def public_models():
    """What the places' pages and map show (core.page_cache). A visitor's report is private
    until a coordinator acts on it, which saves the place or an inspection."""
    from .models import Inspection, MemorialPlace, PlacePhoto, PlaceSettings

    return [MemorialPlace, Inspection, PlacePhoto, PlaceSettings]


@hooks.register("untranslated_content")
def untranslated_places():
    """Published memorial places' names (core.translations), one query."""
    return untranslated_records(
        MemorialPlace.objects.filter(status=PlaceStatus.PUBLISHED),
        ["name"],
        kind="place",
        kind_label=_("Memorial places"),
        title=lambda place: place.name_ru,
        position=lambda place: (place.name_ru,),
    )
