"""The help desk's hooks into the rest of the site. Its staff screens (the queues, a request,
transfers, the access log, figures, canned answers) are registered in admin_views.py."""

from wagtail import hooks

from . import (
    admin_views,  # noqa: F401  (registers the staff screens' hooks)
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
