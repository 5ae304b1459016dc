from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .rules import needs_second_factor


class StaffTwoFactorMiddleware:
    """Send staff without an authenticator app to set one up before they reach the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and needs_second_factor(request.user):
            messages.warning(
                request,
                _(
                    "Staff accounts need two-factor sign-in. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
