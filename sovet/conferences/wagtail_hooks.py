"""The staff admin for conferences, resolutions and decisions. The parts register their own hooks
(`followup/hooks.py`, `preparation/hooks.py`); this module loads them, as Wagtail reads only
`wagtail_hooks`."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from sovet.core.admin import AdminViewSet, RuleMenuItem, Rules, nobody
from sovet.core.desk import DeskItem
from sovet.core.pages import page_section
from sovet.core.translations import DECISIONS, edit_url, untranslated_records
from sovet.organizations.models import Organization, OrganizationEditor

from . import admin_views, attachments, queries, rules
from .demo import add_pages
from .followup import hooks as followup_hooks  # noqa: F401
from .models import (
    AgendaItem,
    Conference,
    ConferenceStatus,
    Decision,
    DraftDecision,
    ProgressReport,
    ProposalStatus,
    ReportStatus,
    Resolution,
)
from .preparation import hooks as preparation_hooks  # noqa: F401
from .preparation import views as preparation_views

# The Council's secretaries keep every list here. Resolutions come from the importer, decisions
# from resolutions, reports from editors: only conferences are added by hand.
SECRETARIES = Rules(opens=rules.can_manage_conferences, add=nobody)


class ConferenceIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The proposals waiting, counted in the list's own query (not one query per row).
        waiting = Count("proposals", filter=Q(proposals__status=ProposalStatus.SUBMITTED))
        return super().get_base_queryset().annotate(new_proposals=waiting)


class ConferenceViewSet(AdminViewSet):
    model = Conference
    permission_rules = Rules(opens=rules.can_manage_conferences)
    icon = "date"
    menu_label = _("Conferences")
    list_display = [
        "__str__",
        "title_ru",
        "dates",
        "city_ru",
        "status",
        TitleColumn(
            "delegate_quota",
            label=_("Delegates"),
            get_url=lambda conference: reverse("conferences_delegates", args=[conference.pk]),
        ),
        # Proposals waiting for the secretary (a count, not the conference's number).
        TitleColumn(
            "new_proposals",
            label=_("New proposals"),
            accessor="new_proposals",
            get_url=lambda conference: reverse("conferences_proposals", args=[conference.pk]),
        ),
        TitleColumn(
            "prepare",
            label=_("Preparation"),
            accessor=lambda c: gettext("Prepare") if c.status in rules.PREPARED else "",
            get_url=lambda c: (
                reverse("conferences_prepare", args=[c.pk]) if c.status in rules.PREPARED else None
            ),
        ),
    ]
    list_filter = ["status"]
    index_view_class = ConferenceIndexView
    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
        MultiFieldPanel(
            [FieldPanel("title_ru"), FieldPanel("title_ky"), FieldPanel("title_en")],
            heading=_("Title"),
        ),
        FieldPanel("dates"),
        FieldRowPanel([FieldPanel("city_ru"), FieldPanel("city_ky"), FieldPanel("city_en")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("delegate_quota"), FieldPanel("registration_closes_on")]),
        FieldRowPanel([FieldPanel("proposals_open"), FieldPanel("proposals_close_on")]),
        InlinePanel("agenda", heading=_("Agenda"), label=_("Agenda item")),
        InlinePanel("quotas", heading=_("Other delegate quotas"), label=_("Delegate quota")),
        FieldPanel("documents", widget=forms.CheckboxSelectMultiple),
        FieldPanel("photos"),
        FieldPanel("news"),
    ]


class ResolutionViewSet(AdminViewSet):
    model = Resolution
    permission_rules = SECRETARIES
    icon = "doc-full"
    menu_label = _("Resolutions")
    list_display = [
        TitleColumn(
            "__str__",
            label=_("Resolution"),
            get_url=lambda resolution: reverse("conferences_period_report", args=[resolution.pk]),
        ),
        "adopted_on",
        "adopted_in",
        "progress_public",
    ]
    panels = [
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("adopted_in")]),
        MultiFieldPanel(
            [FieldPanel("preamble_ru"), FieldPanel("preamble_ky"), FieldPanel("preamble_en")],
            heading=_("Preamble"),
        ),
        FieldPanel("progress_public"),
    ]


def _due(decision) -> str:
    return decision.due.display() if decision.due else ""


class DecisionFilterSet(WagtailFilterSet):
    """The list's filters, and "overdue" (the secretary's desk links to it)."""

    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("true", _("yes")), ("false", _("no"))],
        method="filter_overdue",
    )

    class Meta:
        model = Decision
        fields = ["resolution", "kind", "status", "tracked", "kind_needs_review", "organizations"]

    def filter_overdue(self, queryset, name, value):
        overdue = [decision.pk for decision in queries.overdue_decisions()]
        if value == "true":
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)


class DecisionViewSet(AdminViewSet):
    model = Decision
    permission_rules = SECRETARIES
    icon = "tasks"
    menu_label = _("Decisions")
    list_display = ["__str__", "summary", "kind", "status", "progress",
                    Column("due", label=_("Due"), accessor=_due, sort_key="due"), "tracked"]  # fmt: skip
    column_labels = {"summary": _("Text")}
    filterset_class = DecisionFilterSet
    list_export = [
        "resolution",
        "number",
        "text_ru",
        "kind",
        "tracked",
        "status",
        "progress",
        "due",
        "recurrence",
    ]
    export_filename = "decisions"
    search_fields = ["text_ru", "text_ky", "text_en"]
    ordering = ["resolution", "number"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("text_ru"), FieldPanel("text_ky"), FieldPanel("text_en")], heading=_("Text")
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("kind_needs_review"), FieldPanel("tracked")]),
        FieldPanel("organizations", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("due"), FieldPanel("recurrence")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
        MultiFieldPanel(
            [
                FieldPanel("approves_organization"),
                FieldPanel("approves_council_term"),
                FieldPanel("schedules_conference"),
            ],
            heading=_("What this decision creates"),
        ),
    ]


class ProgressReportViewSet(AdminViewSet):
    """The list of every report. A report is reviewed on its review screen (followup), which
    keeps its history and writes to its author; the registry's own form would do neither."""

    model = ProgressReport
    permission_rules = Rules(opens=rules.can_manage_conferences, add=nobody, change=nobody)
    icon = "form"
    menu_label = _("Progress reports")
    list_display = [
        TitleColumn(
            "__str__",
            label=_("Report"),
            get_url=lambda report: reverse("conferences_report_review", args=[report.pk]),
        ),
        "reported_on",
        "progress",
        "status",
        attachments.AttachmentsColumn("attachments", label=_("Attachments")),
    ]
    list_filter = ["status", "decision__resolution", "organization"]
    search_fields = ["text"]
    form_fields = ["status", "secretary_comment"]


class DraftDecisionViewSet(AdminViewSet):
    """Where the secretary records the conference's vote on each item of the draft."""

    model = DraftDecision
    permission_rules = SECRETARIES
    icon = "list-ol"
    menu_label = _("Draft resolution")
    list_display = [
        "__str__",
        "conference",
        "votes_for",
        "votes_against",
        "votes_abstained",
        "unanimous",
    ]
    list_filter = ["conference"]
    form_fields = ["text", "votes_for", "votes_against", "votes_abstained", "unanimous"]
    edit_view_class = preparation_views.VoteEditView


class ConferencesGroup(ViewSetGroup):
    menu_label = _("Conferences")
    menu_icon = "date"
    menu_order = 210
    items = [ConferenceViewSet("conferences_conference"), ResolutionViewSet("conferences_resolution"),
             DecisionViewSet("conferences_decision"), ProgressReportViewSet("conferences_report_admin"),
             DraftDecisionViewSet("conferences_draft")]  # fmt: skip


@hooks.register("register_admin_viewset")
def register_conferences():
    return ConferencesGroup()


@hooks.register("register_admin_urls")
def register_conference_admin_urls():
    return [
        path("conferences/import/", admin_views.import_view, name="conferences_import"),
        path(
            "conferences/decisions/<int:pk>/report/",
            admin_views.report_view,
            name="conferences_report",
        ),
        path(
            "conferences/reports/files/<str:key>",
            attachments.ReportFileView.as_view(),
            name=attachments.URL_NAME,
        ),
        path(
            "conferences/<int:pk>/delegates/",
            admin_views.delegates_view,
            name="conferences_delegates",
        ),
        path(
            "conferences/<int:pk>/proposals/",
            admin_views.proposals_view,
            name="conferences_proposals",
        ),
        path(
            "conferences/<int:pk>/delegates/print/",
            admin_views.delegates_print_view,
            name="conferences_delegates_print",
        ),
        path(
            "conferences/resolutions/<int:pk>/period-report/",
            admin_views.period_report_view,
            name="conferences_period_report",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return RuleMenuItem(
        _("Import a resolution"),
        reverse("conferences_import"),
        icon_name="upload",
        order=220,
        rule=rules.can_manage_conferences,
    )


@hooks.register("organization_card_sections")
def decisions_on_organization_card(request, organization):

    decisions = queries.open_decisions_of(organization)
    if not decisions:
        return None
    return page_section(
        request,
        gettext("Conference decisions assigned to it"),
        "conferences/includes/organization_decisions.html",
        {"decisions": decisions},
    )


@hooks.register("council_term_approvals")
def council_term_approvals(request, terms):
    """The council page (organizations) links the decision that approved each composition."""
    return queries.council_term_approvals(terms, request)


@hooks.register("demo_pages")
def conferences_demo_pages(home):

    return add_pages(home)


class ExpectedOfUsPanel(Component):
    """The editor's dashboard: decisions assigned to their organizations, overdue first."""

    order = 50
    template_name = "conferences/admin/expected_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):

        return {
            "organizations": list(
                Organization.objects.filter(editor_links__user=self.user).order_by("name_ru")
            ),
            "decisions": queries.expected_of(self.user),
            "open_conferences": Conference.objects.filter(
                status__in=[ConferenceStatus.PLANNED, ConferenceStatus.REGISTRATION_OPEN]
            ),
        }


@hooks.register("construct_homepage_panels")
def add_expected_of_us_panel(request, panels):

    if OrganizationEditor.objects.filter(user=request.user).exists():
        panels.append(ExpectedOfUsPanel(request.user))


# The resolution's own figures (decisions done, overdue, progress reports) are counted by
# period.build from the decisions the report lists, not through the `period_figures` hook.


@hooks.register("desk_items")
def conferences_on_the_desk(request):
    """The secretary's lines: reports to review, overdue decisions, delegates to confirm."""
    user, items = request.user, []
    if rules.can_review_reports(user):
        waiting = ProgressReport.objects.filter(status=ReportStatus.SUBMITTED).count()
        url = reverse("conferences_reports_waiting")
        items.append(DeskItem(gettext("Progress reports to review"), url, waiting, order=10))
    if rules.can_manage_conferences(user):
        overdue = len(queries.overdue_decisions())
        url = reverse("conferences_decision:index") + "?overdue=true"
        items.append(DeskItem(gettext("Overdue decisions"), url, overdue, urgent=True, order=20))
    if rules.can_confirm_delegates(user):
        for conference in queries.delegates_waiting():
            label = gettext("Delegates waiting for confirmation: %(conference)s") % {
                "conference": conference
            }
            url = reverse("conferences_delegates", args=[conference.pk])
            items.append(DeskItem(label, url, conference.waiting, order=30))
    return items


@hooks.register("public_models")
def public_models():
    """What the conference pages show (core.page_cache). Proposals and drafts are the staff's
    until adopted; adopting them saves decisions."""
    from .models import (
        AgendaItem,
        Conference,
        Decision,
        Delegate,
        ProgressReport,
        ReportEvent,
        Resolution,
    )

    # A report's history is on its decision's page.
    return [Conference, AgendaItem, Delegate, Resolution, Decision, ProgressReport, ReportEvent]


@hooks.register("untranslated_content")
def untranslated_conferences():
    """Conferences, their agendas, resolutions and decisions (core.translations), one query
    each; the decisions come before the rest, the latest conference first."""
    return [
        *untranslated_records(
            Decision.objects.select_related("resolution__conference"),
            ["text"],
            kind="decision",
            kind_label=_("Decisions"),
            title=lambda decision: (
                gettext("%(conference)s, decision %(number)s: %(text)s")
                % {
                    "conference": decision.resolution.conference.title_ru,
                    "number": decision.number,
                    "text": decision.text_ru,
                }
            ),
            importance=DECISIONS,
            position=lambda decision: (-decision.resolution.conference.number, decision.number),
        ),
        *untranslated_records(
            Conference.objects.all(),
            ["title", "city"],
            kind="conference",
            kind_label=_("Conferences"),
            title=lambda conference: conference.title_ru,
            position=lambda conference: (-conference.number,),
        ),
        *untranslated_records(
            AgendaItem.objects.select_related("conference"),
            ["title"],
            kind="agenda-item",
            kind_label=_("Agenda items"),
            title=lambda item: f"{item.conference.title_ru}: {item.title_ru}",
            url=lambda item: edit_url(item.conference),
            position=lambda item: (-item.conference.number, item.sort_order or 0),
        ),
        *untranslated_records(
            Resolution.objects.select_related("conference"),
            ["preamble"],
            kind="resolution",
            kind_label=_("Resolutions"),
            title=lambda resolution: resolution.conference.title_ru,
            position=lambda resolution: (-resolution.conference.number,),
        ),
    ]
