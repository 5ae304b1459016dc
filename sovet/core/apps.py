from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sovet.core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import checks

        from . import lookups
        from .private_files import check_private_root

        checks.register(check_private_root)
        lookups.connect_signals()
