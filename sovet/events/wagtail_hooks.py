"""Events' admin (the calendar's registry, approval, the Council's lists) and hooks into the rest
of the site: demo pages, organization cards, period figures."""

from copy import copy
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db.models import OuterRef, Subquery, Sum
from django.forms.models import construct_instance
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from sovet.core.admin import AdminViewSet, Rules, YesNoColumn
from sovet.core.desk import DeskItem
from sovet.core.translations import REST, UPCOMING, untranslated_records
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations

from . import admin_views, rules, services, tasks
from .demo import add_pages
from .models import (
    Campaign,
    CampaignEdition,
    Event,
    EventSeries,
    EventStatus,
    EventTag,
    Registration,
    RegistrationStatus,
)
from .services import period_figures
from .views import (
    account_section,
    decision_page_section,
    home_campaigns_section,
    home_page_section,
    organization_card_section,
    place_page_section,
)


@hooks.register("demo_pages")
def events_demo_pages(home):

    return add_pages(home)


@hooks.register("organization_card_sections")
def events_on_organization_card(request, organization):

    return organization_card_section(request, organization)


@hooks.register("place_page_sections")
def events_on_place_page(request, place):

    return place_page_section(request, place)


@hooks.register("decision_page_sections")
def events_on_decision_page(request, decision):

    return decision_page_section(request, decision)


@hooks.register("period_figures")
def event_figures(start, end):

    return period_figures(start, end)


@hooks.register("periodic_tasks")
def events_periodic_tasks():

    return [tasks.send_reminders, tasks.erase_registrations]


# The staff admin for events: the calendar's registry, approval, and the Council's lists.
# (Registrants and approval screens live in admin_views.py.)


class EventForm(WagtailAdminModelForm):
    """Organizers limited to the user's organizations; approval left to the Council; the rules of
    services.check_event reported on their fields, so nothing typed is lost."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        # What registrants were told before this edit: services.event_saved tells them what changed.
        self.before = services.snapshot(self.instance) if self.instance.pk else None
        if not rules.can_approve_events(user):
            self.fields.pop("approved", None)
        self.locked_organizations = []
        if "organizations" in self.fields:
            field = self.fields["organizations"]
            field.queryset = editable_organizations(user, Organization.objects.order_by("name_ru"))
            field.required = True
            if self.instance.pk:
                # Co-organizers this user does not edit stay; only their editors or the Council
                # may remove them.
                self.locked_organizations = list(
                    self.instance.organizations.exclude(pk__in=field.queryset.values("pk"))
                )
                if self.locked_organizations:
                    field.help_text = gettext("Also organized by: %(names)s.") % {
                        "names": ", ".join(o.name_ru for o in self.locked_organizations)
                    }
            else:
                own = list(field.queryset[:2])
                if len(own) == 1:
                    field.initial = own
        if "decision" in self.fields:
            field = self.fields["decision"]
            field.queryset = field.queryset.select_related("resolution__conference")
            field.label_from_instance = lambda d: f"{d.resolution} — {d}: {d.summary}"

    def clean_organizations(self):
        return [*self.cleaned_data["organizations"], *self.locked_organizations]

    def clean(self):
        cleaned = super().clean()
        # The event as it would be saved, built on a copy: the form's instance stays untouched.
        candidate = construct_instance(self, copy(self.instance))
        if candidate.starts_at is None:
            return cleaned  # the start has its own error already
        try:
            services.check_event(candidate, self.before)
        except forms.ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                self.add_error(name if name in self.fields else None, errors)
        return cleaned


WAITS_FOR_APPROVAL = gettext_noop(
    "“%(event)s” is saved. It appears on the site after a Council secretary approves it."
)


class EventSaveMixin:
    """Saving an event: approval when the Council requires it, then what follows for registrants
    (all inside the view's transaction)."""

    def save_instance(self):
        user = self.request.user
        event = self.form.instance
        # Only new events wait for approval. An edit of an approved event keeps its approval:
        # the secretary can edit (or unpublish) any event anyway, and re-approving every typo
        # fix would hide a live event from the calendar.
        if event.pk is None and services.needs_approval(user):
            event.approved = False
        event = super().save_instance()
        services.event_saved(event, self.form.before)
        return event

    def get_success_message(self, *args):
        if self.object.approved:
            return super().get_success_message(*args)
        return gettext(WAITS_FOR_APPROVAL) % {"event": self.object}


class EventCreateView(EventSaveMixin, generic.CreateView):
    pass


class EventEditView(EventSaveMixin, generic.EditView):
    pass


class EventDeleteView(generic.DeleteView):
    """An event people registered for is cancelled, not deleted: cancelling tells them."""

    def get(self, request, *args, **kwargs):
        return self._refuse_if_registered() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_registered() or super().post(request, *args, **kwargs)

    def _refuse_if_registered(self):
        active = self.object.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if not active.exists():
            return None
        messages.error(
            self.request,
            gettext(
                "People are registered for this event: set its status to “Cancelled” instead, "
                "so that they are told."
            ),
        )
        return redirect(self.edit_url_name, quote(self.object.pk))


class EventIndexView(generic.IndexView):
    def get_base_queryset(self):
        seats = (
            Registration.objects.filter(event=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
            .values("event")
            .annotate(total=Sum("seats"))
            .values("total")
        )
        return super().get_base_queryset().annotate(seats_confirmed=Subquery(seats))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                gettext("Registrants"),
                url=reverse("events_registrants", args=[quote(instance.pk)]),
                icon_name="group",
                priority=15,
            )
        )
        if not instance.approved and rules.can_approve_events(self.request.user):
            buttons.append(
                MenuItem(
                    gettext("Approve the event"),
                    url=reverse("events_approve", args=[quote(instance.pk)]),
                    icon_name="tick",
                    priority=5,
                )
            )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = [*super().header_buttons]
        if rules.can_approve_events(self.request.user):
            waiting = Event.objects.filter(approved=False).count()
            if waiting:
                buttons.append(
                    HeaderButton(
                        gettext("Awaiting approval: %(count)s") % {"count": waiting},
                        url=reverse("events_event:index") + "?approved=false",
                        icon_name="tick",
                    )
                )
        return buttons


def _registrants_label(event) -> str:
    taken = event.seats_confirmed or 0
    return f"{taken} / {event.capacity}" if event.capacity is not None else str(taken)


def _label(name):
    return capfirst(Event._meta.get_field(name).verbose_name)


class EventViewSet(AdminViewSet):
    """The Council manages every event; an organization's editors, the events it organizes."""

    model = Event
    permission_rules = Rules(
        opens=rules.keeps_events, add=rules.can_add_event, reach=rules.editable_events
    )
    icon = "date"
    menu_order = 100
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    # A copy would carry another organization's event, its approval and its registration mode.
    copy_view_enabled = False
    list_display = [
        "title_ru",
        "starts_at",
        "status",
        YesNoColumn("published", label=_label("published")),
        YesNoColumn("approved", label=_label("approved")),
        TitleColumn(
            "registrants",
            label=_("Registrants"),
            accessor=_registrants_label,
            get_url=lambda event: reverse("events_registrants", args=[event.pk]),
        ),
    ]
    list_filter = ["status", "published", "approved", "series", "edition", "region"]
    search_fields = ["title_ru", "title_ky", "title_en"]
    ordering = ["-starts_at"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("title_ru"), FieldPanel("title_ky"), FieldPanel("title_en")],
                        heading=_("Title"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("description_ru"),
                            FieldPanel("description_ky"),
                            FieldPanel("description_en"),
                        ],
                        heading=_("Description"),
                    ),
                    FieldRowPanel(
                        [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("all_day")]
                    ),
                    FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
                    FieldPanel("organizations", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("series"), FieldPanel("edition")]),
                    FieldPanel("decision"),
                    FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("audience"),
                    FieldPanel("image"),
                    FieldRowPanel([FieldPanel("published"), FieldPanel("approved")]),
                ],
                heading=_("Event"),
            ),
            ObjectList(
                [
                    FieldPanel("venue"),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("venue_ky"), FieldPanel("address_ky")]),
                    FieldRowPanel([FieldPanel("venue_en"), FieldPanel("address_en")]),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("memorial_place"),
                    FieldPanel("online_url"),
                ],
                heading=_("Place"),
            ),
            ObjectList(
                [
                    FieldPanel("registration"),
                    FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes_at")]),
                    HelpPanel(
                        _(
                            "“By invitation”: the event page does not offer registration to "
                            "everyone. Only people who open the invitation link can register; "
                            "the link to share is shown on the event's registrants page."
                        )
                    ),
                ],
                heading=_("Registration"),
            ),
            ObjectList(
                [FieldPanel("attendance"), FieldPanel("press_links"), FieldPanel("photos")],
                heading=_("After the event"),
            ),
        ],
        base_form_class=EventForm,
    )


# The Council's own lists: series, tags, campaigns and their yearly editions.
COUNCIL_LISTS = Rules(opens=rules.can_manage_events)


class EventSeriesViewSet(AdminViewSet):
    model = EventSeries
    permission_rules = COUNCIL_LISTS
    copy_view_enabled = False
    icon = "list-ul"
    menu_order = 110
    list_display = ["title_ru", "slug"]
    search_fields = ["title_ru", "title_ky", "title_en"]
    form_fields = ["title_ru", "title_ky", "title_en", "slug"]


class EventTagViewSet(AdminViewSet):
    model = EventTag
    permission_rules = COUNCIL_LISTS
    copy_view_enabled = False
    icon = "tag"
    menu_order = 120
    list_display = ["name_ru", "slug"]
    search_fields = ["name_ru", "name_ky", "name_en"]
    form_fields = ["name_ru", "name_ky", "name_en", "slug"]


class CampaignViewSet(AdminViewSet):
    model = Campaign
    permission_rules = COUNCIL_LISTS
    copy_view_enabled = False
    icon = "flag"
    menu_order = 130
    list_display = ["title_ru", "slug"]
    search_fields = ["title_ru", "title_ky", "title_en"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("title_ru"), FieldPanel("title_ky"), FieldPanel("title_en")],
            heading=_("Title"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_ru"),
                FieldPanel("description_ky"),
                FieldPanel("description_en"),
            ],
            heading=_("Description"),
        ),
        FieldPanel("slug"),
    ]


class CampaignEditionIndexView(generic.IndexView):
    """Each edition offers to open the next one from it (services.edition_copy)."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if rules.can_manage_campaigns(self.request.user):
            buttons.append(
                MenuItem(
                    gettext("Open the next edition from this one"),
                    url=reverse("events_edition_copy", args=[quote(instance.pk)]),
                    icon_name="copy",
                    priority=5,
                )
            )
        return buttons


class CampaignEditionViewSet(AdminViewSet):
    model = CampaignEdition
    permission_rules = COUNCIL_LISTS
    copy_view_enabled = False
    icon = "calendar-alt"
    menu_order = 140
    list_display = ["__str__", "campaign", "year"]
    list_filter = ["campaign"]
    panels = [
        FieldRowPanel([FieldPanel("campaign"), FieldPanel("year")]),
        MultiFieldPanel(
            [FieldPanel("intro_ru"), FieldPanel("intro_ky"), FieldPanel("intro_en")],
            heading=_("Introduction"),
        ),
    ]

    index_view_class = CampaignEditionIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=CampaignEdition.objects.select_related("campaign"), **kwargs
        )


class EventsGroup(ViewSetGroup):
    menu_label = capfirst(Event._meta.verbose_name_plural)
    menu_icon = "date"
    menu_order = 220
    items = [EventViewSet("events_event"), EventSeriesViewSet("events_series"),
             EventTagViewSet("events_tag"), CampaignViewSet("events_campaign"),
             CampaignEditionViewSet("events_edition")]  # fmt: skip


@hooks.register("register_admin_viewset")
def register_events():
    return EventsGroup()


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path(
            "events/<int:pk>/registrants/",
            admin_views.registrants_view,
            name="events_registrants",
        ),
        path("events/<int:pk>/approve/", admin_views.approve_view, name="events_approve"),
        path(
            "events/editions/<int:pk>/copy/",
            admin_views.edition_copy_view,
            name="events_edition_copy",
        ),
    ]


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    actions.register_action(
        "events.approve", _("Approve the event"), _("Approved for the calendar by the Council")
    )
    actions.register_action("events.called_back", _("Call back"), _("A registrant was called back"))
    actions.register_action(
        "events.edition_copy",
        _("Open the next edition"),
        _("Opened from the previous edition, its events copied as drafts"),
    )


@hooks.register("home_page_sections")
def events_on_home_page(request, page):

    return home_page_section(request, page)


@hooks.register("home_page_sections")
def campaigns_on_home_page(request, page):

    return home_campaigns_section(request, page)


@hooks.register("account_sections")
def events_in_my_account(request):

    return account_section(request)


@hooks.register("desk_items")
def events_on_the_desk(request):
    """The Council: events waiting for approval and the week's registrations; an organization's
    editors: their events still ahead."""
    user, now = request.user, timezone.now()
    index = reverse("events_event:index")
    if rules.can_approve_events(user):
        waiting = Event.objects.filter(approved=False).exclude(status=EventStatus.CANCELLED)
        recent = Registration.objects.filter(created_at__gte=now - timedelta(days=7)).exclude(
            status=RegistrationStatus.CANCELLED
        )
        return [
            DeskItem(gettext("Events waiting for approval"), f"{index}?approved=false",
                     waiting.count(), order=50),
            DeskItem(gettext("Registrations for events in the last 7 days"), index,
                     recent.count(), order=55),
        ]  # fmt: skip
    if rules.keeps_events(user):
        ahead = rules.editable_events(user, Event.objects.filter(starts_at__gte=now))
        return [DeskItem(gettext("Our events still ahead"), index, ahead.count(), order=50)]
    return []


@hooks.register("public_models")
def public_models():
    """What the calendar shows (core.page_cache). A registration only moves its event's seats:
    queries.forget_event_pages."""
    from .models import Campaign, CampaignEdition, Event, EventSeries, EventSettings, EventTag

    return [EventSeries, EventTag, Campaign, CampaignEdition, Event, EventSettings]


@hooks.register("untranslated_content")
def untranslated_events():
    """Published events (the coming ones among the first, the soonest first), campaigns, their
    editions, series and tags (core.translations), one query each."""
    now = timezone.now()

    def upcoming(event):
        return event.starts_at >= now

    return [
        *untranslated_records(
            Event.objects.filter(published=True, approved=True),
            ["title", "description"],
            russian_base=["venue", "address"],
            kind="event",
            kind_label=_("Events"),
            title=lambda event: event.title_ru,
            importance=lambda event: UPCOMING if upcoming(event) else REST,
            position=lambda event: (event.starts_at.timestamp() * (1 if upcoming(event) else -1),),
        ),
        *untranslated_records(
            Campaign.objects.all(),
            ["title", "description"],
            kind="campaign",
            kind_label=_("Campaigns"),
            title=lambda campaign: campaign.title_ru,
            position=lambda campaign: (campaign.title_ru,),
        ),
        *untranslated_records(
            CampaignEdition.objects.all(),
            ["intro"],
            kind="campaign-edition",
            kind_label=_("Campaign editions"),
            title=lambda edition: f"{edition.campaign.title_ru} {edition.year}",
            position=lambda edition: (-edition.year, edition.campaign.title_ru),
        ),
        *untranslated_records(
            EventSeries.objects.all(),
            ["title"],
            kind="event-series",
            kind_label=_("Event series"),
            title=lambda series: series.title_ru,
            position=lambda series: (series.title_ru,),
        ),
        *untranslated_records(
            EventTag.objects.all(),
            ["name"],
            kind="event-tag",
            kind_label=_("Event tags"),
            title=lambda tag: tag.name_ru,
            position=lambda tag: (tag.name_ru,),
        ),
    ]
