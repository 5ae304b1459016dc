from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from sovet.core.public import private_page

from . import services
from .models import Invitation
from .roles import Role
from .rules import is_staff_member


@login_required
def profile(request):
    """ "My account": the person's own data; later apps add their sections through a hook."""
    sections = [s for fn in hooks.get_hooks("account_sections") if (s := fn(request))]
    has_totp = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.TOTP
    ).exists()
    return render(
        request,
        "accounts/profile.html",
        {
            "sections": sections,
            "has_totp": has_totp,
            "is_staff_member": is_staff_member(request.user),
            "roles": [
                Role(name).label
                for name in request.user.groups.values_list("name", flat=True)
                if name in Role._value2member_map_
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@private_page
def invitation(request, token):
    """The invitee's page, by the secret link in their letter."""
    invitation = get_object_or_404(Invitation, token=token)
    context = {"invitation": invitation, "role": invitation.role_label}
    if not invitation.is_usable:
        return render(request, "accounts/invitation.html", context, status=410)
    if not request.user.is_authenticated:
        # Following the link proves the address: a sign-up with it needs no second check —
        # except for administrators, who always confirm their address by e-mail.
        if invitation.role != Role.ADMINISTRATOR:
            get_adapter(request).stash_verified_email(request, invitation.email)
        return render(request, "accounts/invitation.html", context)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(request, "accounts/invitation.html", context, status=403)
        messages.success(request, _("Welcome! You are now: %(role)s.") % {"role": context["role"]})
        return redirect("wagtailadmin_home")
    return render(request, "accounts/invitation.html", context)
