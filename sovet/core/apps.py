from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sovet.core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import checks

        from . import fragments, lookups, page_cache, site_search
        from .private_files import check_private_root

        checks.register(check_private_root)
        lookups.connect_signals()
        fragments.connect_signals()
        site_search.connect_signals()
        page_cache.connect_signals()
        # Each app's search.py registers what it shows to the site search (`search_kinds`).
        autodiscover_modules("search")
