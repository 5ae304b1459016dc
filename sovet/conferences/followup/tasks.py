"""Periodic work of the follow-up (the ``periodic_tasks`` hook; ``manage.py run_periodic_tasks``,
every 15 minutes): due-date reminders, and the secretaries' monthly digest."""

from django_tasks import task

from . import services


@task()
def send_decision_reminders() -> int:
    return services.reminders_send()


@task()
def send_monthly_digest() -> bool:
    return services.digest_send()
