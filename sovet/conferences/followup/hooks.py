"""The follow-up's hooks (loaded by the app's wagtail_hooks): the periodic reminders and digest,
and the secretary's screen to review a report.

The desk's "Overdue decisions" line is the app's own (wagtail_hooks.conferences_on_the_desk,
linking to the decisions filtered by ``?overdue=true``): none is added here."""

from django.urls import path
from wagtail import hooks

from . import tasks, views


@hooks.register("periodic_tasks")
def followup_periodic_tasks():
    return [tasks.send_decision_reminders, tasks.send_monthly_digest]


@hooks.register("register_admin_urls")
def followup_admin_urls():
    return [
        path(
            "conferences/reports/waiting/",
            views.waiting_view,
            name="conferences_reports_waiting",
        ),
        path(
            "conferences/reports/<int:pk>/review/",
            views.review_view,
            name="conferences_report_review",
        ),
    ]
