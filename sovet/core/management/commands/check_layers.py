from django.core.management.base import BaseCommand, CommandError

from sovet.core.layers import violations


class Command(BaseCommand):
    help = (
        "Check that apps refer only to lower layers (pyproject.toml's import contract) by what "
        "import-linter cannot see: model relations and page types, migration dependencies, "
        "model names and dotted paths in strings, template tag libraries and template names."
    )

    def handle(self, *args, **options):
        found = violations()
        if found:
            raise CommandError(
                f"{len(found)} reference(s) against the layers:\n"
                + "\n".join(f"  {violation}" for violation in found)
            )
        self.stdout.write("Layers kept: no app refers to a higher one.")
