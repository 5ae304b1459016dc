"""The help desk's hooks into the rest of the site. Its staff screens (the queues, a request,
transfers, the access log, figures, canned answers) are registered in admin/ (a package)."""

from wagtail import hooks

from sovet.core.translations import untranslated_records

from . import (
    admin,  # noqa: F401  (registers the staff screens and their hooks)
    queries,
    tasks,
)
from .demo import add_pages


@hooks.register("demo_pages")
def helpdesk_demo_pages(home):
    return add_pages(home)


@hooks.register("periodic_tasks")
def helpdesk_periodic_tasks():
    return [tasks.anonymize_expired, tasks.send_digests]


@hooks.register("period_figures")
def helpdesk_period_figures(start, end):
    return queries.period_figures(start, end)


@hooks.register("public_models")
def public_models():
    """What the help desk's public pages show besides its pages (core.page_cache): the centres
    and the regions they serve. Requests are never on a public page."""
    from .models import Centre

    return [Centre]


@hooks.register("untranslated_content")
def untranslated_centres():
    """The centres' names on the help pages (core.translations), one query."""
    from django.utils.translation import gettext_lazy as _

    from .models import Centre

    return untranslated_records(
        Centre.objects.all(),
        ["name"],
        kind="help-centre",
        kind_label=_("Legal-aid centres"),
        title=lambda centre: centre.name_ru,
        position=lambda centre: (centre.sort_order, centre.pk),
    )
