"""Timing pages through Django's test client, for the bench scripts that run in-process
(helpdesk_queue.py, community_pages.py): import after `django.setup()`."""

import time

from django.conf import settings
from django.db import connection
from django.test import override_settings


class QueryCounter:
    count = 0

    def __call__(self, execute, *query):
        self.count += 1
        return execute(*query)


def measure(client, path: str, repeat: int) -> tuple[list[float], int, int]:
    """(each run's time in ms, the queries of one run, the status: the first that is not 200)."""
    response = client.get(path)  # warm-up
    status = response.status_code
    times, counter = [], QueryCounter()
    for _ in range(repeat):
        counter.count = 0
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        status = status if status != 200 else response.status_code
    return times, counter.count, status


# As production serves: DEBUG off (the embedded site's settings log every query), static files'
# addresses without a collected manifest (they are never fetched here).
AS_PRODUCTION = override_settings(
    DEBUG=False,
    ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)
