"""The registries of volunteer work: projects and their shifts (with slots edited inline).

An organization's editors reach their organizations' projects and those projects' shifts
(rules.coordinated_projects); the youth council's coordinators and the Council reach all.
"""

from copy import copy
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db.models import ProtectedError, Q
from django.forms.models import construct_instance
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from sovet.core.admin import AdminViewSet, Rules, YesNoColumn
from sovet.events.models import Event
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations

from .. import rules, services
from ..models import Participation, Project, Shift, Skill


def coordinated_shifts(user, queryset):
    return queryset.filter(project__in=rules.coordinated_projects(user, Project.objects.all()))


def organizations_for(user):
    organizations = Organization.objects.order_by("name_ru")
    if rules.manages_community(user):
        return organizations
    return editable_organizations(user, organizations)


def adds_projects(user) -> bool:
    """A coordinator with an organization to add a project for (an editor without one opens the
    lists and adds nothing)."""
    return rules.can_add_project(user) and organizations_for(user).exists()


def adds_shifts(user) -> bool:
    return (
        rules.coordinates(user) and rules.coordinated_projects(user, Project.objects.all()).exists()
    )


class ProjectForm(WagtailAdminModelForm):
    """The organization among those the user coordinates for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            field = self.fields["organization"]
            field.queryset = organizations_for(self.for_user)
            if not self.instance.pk:
                own = list(field.queryset[:2])
                if len(own) == 1:
                    field.initial = own[0].pk


def events_for(user):
    """Events a shift may serve: those the public calendar shows (published and approved), and
    an editor's own published ones still waiting for approval (their page shows the event only
    once approved); of the last year or to come."""
    shown = Q(published=True, approved=True)
    if not rules.manages_community(user):
        own = editable_organizations(user, Organization.objects.all())
        shown |= Q(published=True, organizations__in=own)
    recent = Event.objects.filter(starts_at__gte=timezone.now() - timedelta(days=365))
    return Event.objects.filter(pk__in=recent.filter(shown).values("pk"))


class ShiftForm(WagtailAdminModelForm):
    """A project among the user's, an event the calendar shows, skills as boxes. An edit may not
    take a place from someone who holds one: no slot with participations is deleted, and the
    shift stays open to everyone confirmed or waiting."""

    required_skills = forms.MultipleChoiceField(
        label=_("required skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        # What those with a place were told before this edit: services.shift_saved tells them
        # what changed.
        self.before = services.shift_snapshot(self.instance)
        if "project" in self.fields:
            self.fields["project"].queryset = rules.coordinated_projects(
                user, Project.objects.select_related("organization").order_by("title_ru")
            )
        if "event" in self.fields:
            events = events_for(user)
            if self.instance.event_id:
                events = events | Event.objects.filter(pk=self.instance.event_id)
            self.fields["event"].queryset = events.order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", gettext("The shift must end after it starts."))
        if self.instance.pk:
            self._keep_slots_taken()
            if starts and ends and not self.errors:
                self._keep_places_fit()
        return cleaned

    def _keep_slots_taken(self):
        formset = self.formsets.get("slots")
        if formset is None:
            return
        formset.is_valid()  # cleans its forms: which ones are to be deleted
        deleted = [
            form.instance.pk
            for form in formset.forms
            if form.instance.pk
            and getattr(form, "cleaned_data", None)
            and formset._should_delete_form(form)
        ]
        if deleted and Participation.objects.filter(slot__in=deleted).exists():
            self.add_error(
                None,
                gettext(
                    "A slot volunteers have signed up for cannot be deleted: their places and "
                    "hours would go with it. To call the work off, cancel the shift instead."
                ),
            )

    def _keep_places_fit(self):
        if self.cleaned_data.get("cancelled"):
            return  # a cancelled shift takes nobody: those with a place are told
        candidate = construct_instance(self, copy(self.instance))
        live = (
            Participation.objects.filter(slot__shift=self.instance, status__in=services.LIVE)
            .select_related("volunteer")
            .prefetch_related("volunteer__guardian_consents")
            .order_by("volunteer__full_name", "pk")
        )
        # Those who fit the shift as it was and would not as edited (someone who already did not
        # fit, an expired consent, does not block every later edit).
        lost = [
            participation.volunteer.full_name
            for participation in live
            if services.fits(participation.volunteer, self.instance)
            and not services.fits(participation.volunteer, candidate)
        ]
        if lost:
            self.add_error(
                None,
                gettext(
                    "After this change, volunteers with a place could no longer take the shift "
                    "(age, night hours, consent or skills): %(names)s. Keep the shift as it was "
                    "for them, or cancel their places first."
                )
                % {"names": ", ".join(lost)},
            )


class ProjectViewSet(AdminViewSet):
    model = Project
    url_prefix = "community/projects"
    permission_rules = Rules(
        opens=rules.coordinates,
        add=adds_projects,
        delete=rules.manages_community,
        reach=rules.coordinated_projects,
    )
    icon = "folder-open-inverse"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["title_ru", "organization", YesNoColumn("published", label=_("published"))]
    list_filter = ["published"]
    search_fields = ["title_ru", "title_ky", "title_en"]
    edit_handler = ObjectList([
        FieldPanel("organization"),
        MultiFieldPanel(
            [FieldPanel("title_ru"), FieldPanel("title_ky"), FieldPanel("title_en")],
            heading=_("Title"),
        ),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldPanel("description_ru"),
                FieldPanel("description_ky"),
                FieldPanel("description_en"),
            ],
            heading=_("Description"),
        ),
        FieldPanel("decision"),
        FieldPanel("published"),
    ], base_form_class=ProjectForm)  # fmt: skip

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Project.objects.select_related("organization"), **kwargs
        )


class ShiftIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                gettext("Attendance"),
                url=reverse("community_attendance", args=[quote(instance.pk)]),
                icon_name="tick",
                priority=5,
            )
        )
        return buttons


class ShiftSaveMixin:
    """Saving a shift: the waiting list moves into places a raised capacity freed, and those with
    a place hear of a new time or a cancellation (services.shift_saved, inside the view's
    transaction)."""

    def save_instance(self):
        shift = super().save_instance()
        services.shift_saved(shift=shift, before=self.form.before, by=self.request.user)
        return shift


class ShiftCreateView(ShiftSaveMixin, generic.CreateView):
    pass


class ShiftEditView(ShiftSaveMixin, generic.EditView):
    pass


class ShiftDeleteView(generic.DeleteView):
    """A shift volunteers have signed up for is cancelled, never deleted (their places and hours
    are protected): a clear refusal instead of an error page."""

    def form_valid(self, form):
        try:
            if Participation.objects.filter(slot__shift=self.object).exists():
                raise ProtectedError("participations", set())
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                gettext(
                    "Volunteers have signed up for this shift: it cannot be deleted. Cancel it "
                    "instead (the “cancelled” box): they will be told."
                ),
            )
            return redirect(reverse("community_shift:edit", args=[quote(self.object.pk)]))


def _where(shift) -> str:
    if shift.memorial_place_id:
        return str(shift.memorial_place)
    if shift.event_id:
        return str(shift.event)
    return shift.address


class ShiftViewSet(AdminViewSet):
    model = Shift
    url_prefix = "community/shifts"
    permission_rules = Rules(
        opens=rules.coordinates,
        add=adds_shifts,
        delete=rules.manages_community,
        reach=coordinated_shifts,
    )
    icon = "time"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = ShiftIndexView
    add_view_class = ShiftCreateView
    edit_view_class = ShiftEditView
    delete_view_class = ShiftDeleteView
    list_display = [
        "__str__",
        Column("where", label=_("Where"), accessor=_where),
        TitleColumn(
            "attendance",
            label=_("Attendance"),
            accessor=lambda shift: gettext("Attendance"),
            get_url=lambda shift: reverse("community_attendance", args=[quote(shift.pk)]),
        ),
        YesNoColumn("cancelled", label=_("cancelled")),
    ]
    list_filter = ["cancelled"]
    ordering = ["-starts_at"]
    edit_handler = ObjectList([
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [
                FieldPanel("memorial_place"),
                FieldPanel("event"),
                FieldPanel("address"),
                FieldPanel("region"),
            ],
            heading=_("Where"),
        ),
        FieldRowPanel([FieldPanel("min_age")]),
        FieldPanel("required_skills"),
        InlinePanel("slots", heading=_("Slots"), label=_("slot"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("notes_ru"), FieldPanel("notes_ky"), FieldPanel("notes_en")],
            heading=_("What to bring, where to meet"),
        ),
        FieldPanel("cancelled"),
    ], base_form_class=ShiftForm)  # fmt: skip

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Shift.objects.select_related("project", "memorial_place", "event"), **kwargs
        )


projects = ProjectViewSet("community_project")
shifts = ShiftViewSet("community_shift")
