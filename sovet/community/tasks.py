"""Periodic work of volunteers' shifts (the `periodic_tasks` hook; `manage.py
run_periodic_tasks`, every 15 minutes): the reminders the day before a shift."""

from django_tasks import task

from . import services


@task()
def send_shift_reminders() -> int:
    return services.send_due_reminders()
