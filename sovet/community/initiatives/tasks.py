"""Periodic work of the initiatives (the ``periodic_tasks`` hook): close the periods that ended."""

from django_tasks import task

from . import services


@task()
def close_due_initiatives() -> int:
    return services.initiatives_close_due()
