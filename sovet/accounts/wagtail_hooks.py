from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm

from sovet.core import translations
from sovet.core.admin import AdminViewSet, RuleMenuItem, Rules, nobody, only_for
from sovet.core.admin_views import translation_desk_view

from . import services
from .models import Invitation
from .roles import Role
from .rules import can_invite, follows_translations, invitations_visible


class InvitationForm(WagtailAdminModelForm):
    """Offers only the roles the user may invite to; sending goes through the service."""

    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.fields["role"].choices = [
            (role.value, role.label) for role in Role if can_invite(for_user, role)
        ]

    def save(self, commit=True):
        return services.invitation_create(
            invited_by=self.for_user,
            email=self.cleaned_data["email"],
            role=self.cleaned_data["role"],
        )


class InvitationViewSet(AdminViewSet):
    """Secretaries and administrators see and send invitations, each only to the roles they may
    invite to (a secretary never sees an invitation to the administrators' role); nobody edits
    a sent one."""

    model = Invitation
    permission_rules = Rules(opens=can_invite, change=nobody, reach=invitations_visible)
    icon = "mail"
    menu_label = _("Invitations")
    add_to_admin_menu = True
    menu_order = 900
    form_fields = ["email", "role"]
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    inspect_view_enabled = True
    # The token is the invitation itself: whoever reads it can accept the role.
    inspect_view_fields_exclude = ["token"]

    def get_form_class(self, for_update=False):
        return InvitationForm


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet("invitations")


# The translation desk (core.translations): the Council's secretaries and administrators.


@hooks.register("register_admin_urls")
def register_translation_desk():
    return [
        path(
            "translations/",
            only_for(follows_translations)(translation_desk_view),
            name="translation_desk",
        )
    ]


@hooks.register("register_admin_menu_item")
def translation_desk_menu_item():
    return RuleMenuItem(
        _("Untranslated content"),
        reverse("translation_desk"),
        icon_name="globe",
        order=890,
        name="translation-desk",
        rule=follows_translations,
    )


@hooks.register("desk_items")
def untranslated_on_the_desk(request):
    if not follows_translations(request.user):
        return []
    return translations.desk_lines(reverse("translation_desk"))
