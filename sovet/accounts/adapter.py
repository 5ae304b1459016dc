from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .rules import can_access_admin


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        """There is no username: the e-mail address is the login."""

    def get_login_redirect_url(self, request):
        """Staff land on their desk in the admin, everyone else on their account page. (allauth
        asks this only when the sign-in carries no ``next``: a ``next`` still wins.)"""
        if can_access_admin(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
