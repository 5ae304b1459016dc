from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sovet.core"
    verbose_name = _("Core")

    def ready(self):
        from . import lookups

        lookups.connect_signals()
