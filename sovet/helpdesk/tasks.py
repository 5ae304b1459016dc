"""Periodic work of the help desk (the ``periodic_tasks`` hook; cron every few minutes):
anonymize what the retention setting says is due, and send each centre's daily digest."""

from django_tasks import task

from . import services


@task()
def anonymize_expired() -> int:
    return services.anonymize_expired()


@task()
def send_digests() -> int:
    return services.digests_send()
