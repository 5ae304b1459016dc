"""Background work for events: e-mails to registrants, reminders, erasure of personal data.

`send_reminders` and `erase_registrations` are periodic: `manage.py run_periodic_tasks` (cron,
every 15 minutes in production; `make run` starts a loop) enqueues them.
"""

from django_tasks import task

from . import services
from .models import Event


@task()
def notify_registrants(event_id: int, kind: str, changes: list[str]) -> int:
    event = Event.objects.filter(pk=event_id).first()
    return services.notify_registrants(event, kind, changes) if event else 0


@task()
def send_reminders() -> int:
    return services.send_due_reminders()


@task()
def erase_registrations() -> int:
    return services.erase_expired_registrations()
