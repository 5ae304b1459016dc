from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sovet.core import site_search


class Command(BaseCommand):
    help = "Load the demo content of every app, in dependency order. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        # The demo has an administrator with a published password: never by accident in production.
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo content is for the embedded site; use --force to load it anyway."
            )
        # INSTALLED_APPS lists our apps in dependency order: core, accounts, organizations, … site.
        for config in apps.get_app_configs():
            if not config.name.startswith("sovet."):
                continue
            try:
                demo = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                message = demo.load()
            if message:
                self.stdout.write(message)
        # Saves index themselves; objects made in bulk (cards, places) are indexed here.
        counts = site_search.rebuild()
        self.stdout.write(f"Site search: {sum(counts.values())} entries.")
