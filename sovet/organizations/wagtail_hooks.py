"""The staff admin for organizations, their editors and the Council's compositions."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.widgets import SnippetListingButton

from sovet.accounts.roles import Role
from sovet.core.admin import (
    AdminSnippetViewSet,
    AdminViewSet,
    RuleMenuItem,
    Rules,
    everyone,
    nobody,
)
from sovet.core.desk import DeskItem
from sovet.core.translations import edit_url, untranslated_records

from . import admin_views, rules, services
from .demo import add_pages
from .models import CouncilSeat, CouncilTerm, MembershipChange, Organization, OrganizationEditor


class OrganizationViewSet(AdminSnippetViewSet):
    """The Council manages every organization; an editor changes only their own card. A revision
    holds every field, membership included: only the Council reverts one."""

    model = Organization
    permission_rules = Rules(
        opens=rules.edits_organizations,
        add=rules.can_add_organization,
        delete=rules.manages_organizations,
        revert=rules.manages_organizations,
        reach=rules.editable_organizations,
        # Every organization is in the public directory: choosers (a place's caretaker) list all.
        choose=everyone,
    )
    icon = "group"
    menu_label = _("Organizations")
    menu_order = 100
    list_display = ["name_ru", "type", "region", "membership_status", "is_partner", "updated_at"]
    list_filter = ["region", "type", "membership_status", "is_partner", "tags"]
    list_export = [
        "name_ru", "name_ky", "name_en", "short_name_ru", "slug", "type", "region", "city",
        "address", "latitude", "longitude", "founded_year", "leader_name", "leader_title_ru",
        "phone", "email", "website", "telegram", "vk", "is_partner", "membership_status",
        "member_since",
    ]  # fmt: skip
    export_filename = "organizations"
    search_fields = ["name_ru", "name_ky", "name_en", "short_name_ru", "city", "leader_name"]
    ordering = ["name_ru"]
    copy_view_enabled = False

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("name_ru"), FieldPanel("name_ky"), FieldPanel("name_en")],
                        heading=_("Name"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("short_name_ru"),
                            FieldPanel("short_name_ky"),
                            FieldPanel("short_name_en"),
                        ],
                        heading=_("Short name"),
                    ),
                    FieldPanel("slug", permission="organizations.add_organization"),
                    FieldRowPanel([FieldPanel("type"), FieldPanel("founded_year")]),
                    FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("logo"),
                    MultiFieldPanel(
                        [
                            FieldPanel("description_ru"),
                            FieldPanel("description_ky"),
                            FieldPanel("description_en"),
                        ],
                        heading=_("Description"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("leader_name"),
                            FieldPanel("leader_title_ru"),
                            FieldPanel("leader_title_ky"),
                            FieldPanel("leader_title_en"),
                        ],
                        heading=_("Leader"),
                    ),
                ],
                heading=_("Card"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("website"),
                    FieldRowPanel([FieldPanel("telegram"), FieldPanel("vk")]),
                    FieldPanel("other_links"),
                ],
                heading=_("Address and contacts"),
            ),
            # Membership is the Council's decision: editors do not get these fields at all.
            ObjectList(
                [
                    HelpPanel(
                        _(
                            "The membership status and its history are recorded with the "
                            "“Council membership” action in the list of organizations."
                        )
                    ),
                    *[
                        FieldPanel(name, permission="organizations.change_membership")
                        for name in ("is_partner", "parent")
                    ],
                ],
                heading=_("Council membership"),
            ),
        ]
    )

    def get_queryset(self, request):
        return Organization.objects.select_related("region")


class CouncilTermViewSet(AdminViewSet):
    model = CouncilTerm
    permission_rules = Rules(opens=rules.can_manage_council)
    icon = "user"
    menu_label = _("Council compositions")
    menu_order = 110
    list_display = ["title_ru", "approved_on", "ended_on"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("title_ru"), FieldPanel("title_ky"), FieldPanel("title_en")],
            heading=_("Title"),
        ),
        FieldRowPanel([FieldPanel("approved_on"), FieldPanel("ended_on")]),
        MultiFieldPanel(
            [
                FieldPanel("approved_by_ru"),
                FieldPanel("approved_by_ky"),
                FieldPanel("approved_by_en"),
            ],
            heading=_("Approved by"),
        ),
        InlinePanel("seats", heading=_("Seats"), label=_("Seat")),
    ]
    add_to_admin_menu = False


class OrganizationEditorViewSet(AdminViewSet):
    """Editors are added by accepting an invitation, not here."""

    model = OrganizationEditor
    permission_rules = Rules(opens=rules.manages_organizations, add=nobody)
    icon = "user"
    menu_label = _("Organization editors")
    menu_order = 120
    list_display = ["user", "organization", "is_admin", "added_at"]
    column_labels = {"user": _("Editor"), "organization": _("Organization")}
    list_filter = ["is_admin"]
    search_fields = ["user__email", "organization__name_ru"]
    form_fields = ["is_admin"]
    add_to_admin_menu = False


class OrganizationsGroup(ViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    menu_order = 200
    items = [OrganizationViewSet, CouncilTermViewSet, OrganizationEditorViewSet]


@hooks.register("register_admin_viewset")
def register_organizations():
    return OrganizationsGroup()


@hooks.register("register_admin_urls")
def register_organization_admin_urls():
    return [
        path("organizations/import/", admin_views.import_view, name="organizations_import"),
        path(
            "organizations/<int:pk>/invite-editor/",
            admin_views.invite_editor_view,
            name="organizations_invite_editor",
        ),
        path(
            "organizations/<int:pk>/membership/",
            admin_views.membership_view,
            name="organizations_membership",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return RuleMenuItem(
        _("Import organizations"),
        reverse("organizations_import"),
        icon_name="upload",
        order=210,
        rule=rules.can_import_organizations,
    )


@hooks.register("register_snippet_listing_buttons")
def invite_editor_button(snippet, user, next_url=None):
    if isinstance(snippet, Organization) and rules.can_invite_editor(user, snippet):
        yield SnippetListingButton(
            _("Invite an editor"),
            reverse("organizations_invite_editor", args=[snippet.pk]),
            icon_name="mail",
            priority=30,
        )
    if isinstance(snippet, Organization) and rules.can_change_membership(user, snippet):
        yield SnippetListingButton(
            _("Council membership"),
            reverse("organizations_membership", args=[snippet.pk]),
            icon_name="group",
            priority=40,
        )


hooks.register("invitation_accepted", services.organization_invitation_accepted)


@hooks.register("can_invite_to_scope")
def can_invite_to_organization(user, role, scope):
    return (
        role == Role.ORGANIZATION_EDITOR
        and isinstance(scope, Organization)
        and rules.can_invite_editor(user, scope)
    )


@hooks.register("demo_pages")
def organizations_demo_pages(home):

    return add_pages(home)


@hooks.register("period_figures")
def organization_figures(start, end):

    joined = MembershipChange.objects.filter(status="member", date__range=(start, end)).count()
    return [
        (
            gettext("Member organizations"),
            Organization.objects.filter(membership_status="member").count(),
        ),
        (gettext("Organizations that joined the Council in the period"), joined),
    ]


@hooks.register("desk_items")
def organizations_on_the_desk(request):
    """An organization's editors: the card of each organization they edit, named."""
    user = request.user
    if rules.manages_organizations(user):
        return []
    organizations = rules.editable_organizations(user, Organization.objects.order_by("name_ru"))
    edit = Organization.snippet_viewset.get_url_name("edit")
    return [
        DeskItem(gettext("The card of «%(name)s»") % {"name": organization.name},
                 reverse(edit, args=[organization.pk]), order=1)
        for organization in organizations.only("pk", "name_ru", "name_ky", "name_en")
    ]  # fmt: skip


@hooks.register("public_models")
def public_models():
    """What the directory and the Council's page show (core.page_cache)."""
    from .models import CouncilSeat, OrganizationTag

    return [Organization, OrganizationTag, MembershipChange, CouncilTerm, CouncilSeat]


@hooks.register("untranslated_content")
def untranslated_organizations():
    """The directory's organizations, the Council's compositions and their members' biographies
    (core.translations), one query each."""
    return [
        *untranslated_records(
            Organization.objects.all(),
            ["name", "short_name", "leader_title", "description"],
            kind="organization",
            kind_label=_("Organizations"),
            title=lambda organization: organization.name_ru,
            position=lambda organization: (organization.name_ru,),
        ),
        *untranslated_records(
            CouncilTerm.objects.all(),
            ["title", "approved_by"],
            kind="council-term",
            kind_label=_("Council compositions"),
            title=lambda term: term.title_ru,
            position=lambda term: (-term.approved_on.toordinal() if term.approved_on else 0,),
        ),
        *untranslated_records(
            CouncilSeat.objects.select_related("term"),
            ["biography"],
            kind="council-seat",
            kind_label=_("Council members' biographies"),
            title=lambda seat: f"{seat.person_name} ({seat.term.title_ru})",
            url=lambda seat: edit_url(seat.term),
            position=lambda seat: (seat.term_id, seat.sort_order or 0),
        ),
    ]
