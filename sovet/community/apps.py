from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "sovet.community"
    verbose_name = _("Volunteers and youth")
