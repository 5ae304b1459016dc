"""Enqueue the periodic background tasks apps register with the `periodic_tasks` hook.

Run it from cron (every 15 minutes in production); `make run` runs it in a loop. The tasks
themselves are idempotent, so running it late or twice is harmless.
"""

from django.core.management.base import BaseCommand
from wagtail import hooks


class Command(BaseCommand):
    help = "Enqueue the periodic background tasks (reminders, erasure of old personal data…)."

    def handle(self, *args, **options):
        for fn in hooks.get_hooks("periodic_tasks"):
            for task in fn():
                task.enqueue()
                self.stdout.write(f"enqueued {task.name}")
