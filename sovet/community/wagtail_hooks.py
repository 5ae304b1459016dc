"""The community's hooks: each part registers its own (volunteers and shifts in `hooks.py`, the
admin in `admin/`, certificates and initiatives in their packages); this module loads them all,
as Wagtail reads only `wagtail_hooks`."""

from wagtail import hooks as wagtail_hooks

from . import hooks  # noqa: F401
from .admin import hooks as admin_hooks  # noqa: F401
from .certificates import hooks as certificate_hooks  # noqa: F401
from .demo import add_pages
from .initiatives import hooks as initiative_hooks  # noqa: F401


@wagtail_hooks.register("demo_pages")
def community_demo_pages(home):
    return add_pages(home)
