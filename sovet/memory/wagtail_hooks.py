"""The memory archive's hooks into the rest of the site.

The staff admin registers its own hooks: admin_cards.py (cards, the moderation queue, the log)
and admin_merge.py (merging cards, reports, photo editing).
"""

from wagtail import hooks

from . import admin_cards, admin_merge  # noqa: F401 (they register hooks on import)
from .demo import add_pages


@hooks.register("demo_pages")
def memory_demo_pages(home):

    return add_pages(home)
