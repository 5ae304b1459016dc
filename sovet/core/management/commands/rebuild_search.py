from django.core.management.base import BaseCommand

from sovet.core import site_search


class Command(BaseCommand):
    help = "Index every public object for the site search again (after a bulk import, a restore)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Only these kinds (event, place…).")

    def handle(self, *args, kinds=(), **options):
        counts = site_search.rebuild(kinds)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
