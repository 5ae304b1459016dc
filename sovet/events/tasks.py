"""Background work for events: e-mails to registrants, reminders, erasure of personal data.

`send_reminders` and `erase_registrations` are periodic: `manage.py run_periodic_tasks` (cron,
every 15 minutes in production; `make run` starts a loop) enqueues them. Services enqueue the
others; they import services lazily, since services enqueue them.
"""

from django_tasks import task

from .models import Event, Registration


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    from . import services

    registration = (
        Registration.objects.select_related("event")
        .filter(pk=registration_id, erased_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    services.registration_email(registration, kind)
    return True


@task()
def notify_registrants(event_id: int, kind: str, changes: list[str]) -> int:
    from . import services

    event = Event.objects.filter(pk=event_id).first()
    return services.notify_registrants(event, kind, changes) if event else 0


@task()
def send_reminders() -> int:
    from . import services

    return services.send_due_reminders()


@task()
def erase_registrations() -> int:
    from . import services

    return services.erase_expired_registrations()
