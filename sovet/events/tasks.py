"""Background work for events: e-mails to registrants, reminders, erasure of personal data.

`send_reminders` and `erase_registrations` are periodic: `manage.py run_periodic_tasks` (cron,
every 15 minutes in production; `make run` starts a loop) enqueues them. The e-mails services
send later are tasks of notifications.py.
"""

from django_tasks import task

from . import services


@task()
def send_reminders() -> int:
    return services.send_due_reminders()


@task()
def erase_registrations() -> int:
    return services.erase_expired_registrations()
