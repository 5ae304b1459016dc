from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from . import services
from .models import Invitation
from .roles import Role
from .rules import can_invite


class InvitationPermissionPolicy(ModelPermissionPolicy):
    """Secretaries and administrators see and send invitations; nobody edits a sent one.

    Each sees only invitations to roles they may invite to: a secretary never sees (nor can
    delete) an invitation to the administrators' role.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "view", "delete"):
            return can_invite(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_invite(user, instance.role)

    def instances_user_has_permission_for(self, user, action):
        return visible_invitations(user)


def visible_invitations(user):
    roles = [role.value for role in Role if can_invite(user, role)]
    return Invitation.objects.filter(role__in=roles)


class VisibleOnly:
    """Index, inspect and delete see only the invitations this user may send."""

    def get_base_queryset(self):
        return visible_invitations(self.request.user)

    def get_object(self, queryset=None):
        invitation = super().get_object(queryset)
        if not can_invite(self.request.user, invitation.role):
            raise PermissionDenied
        return invitation


class InvitationIndexView(VisibleOnly, IndexView):
    pass


class InvitationInspectView(VisibleOnly, InspectView):
    pass


class InvitationDeleteView(VisibleOnly, DeleteView):
    pass


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


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    add_to_admin_menu = True
    menu_order = 900
    form_fields = ["email", "role"]
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    inspect_view_enabled = True
    index_view_class = InvitationIndexView
    inspect_view_class = InvitationInspectView
    delete_view_class = InvitationDeleteView
    # The token is the invitation itself: whoever reads it can accept the role.
    inspect_view_fields_exclude = ["token"]

    @property
    def permission_policy(self):
        return InvitationPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return InvitationForm


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet("invitations")
