from django.core.management.base import BaseCommand, CommandError

from sovet.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the stored files (media and private) into a new folder "
        "DEST/<stamp>/ with a manifest of checksums and row counts (see sovet/core/backups.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="The folder that keeps the backups.")
        parser.add_argument(
            "--keep", type=int, help="Then remove the older backups beyond the N newest."
        )

    def handle(self, *args, destination, keep=None, **options):
        try:
            result = backups.backup_create(destination=destination, keep=keep)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        for skipped in result.skipped:
            self.stdout.write(f"skipped (deleted during the copy): {skipped}")
        self.stdout.write(
            f"Backup {result.folder}: {result.rows} rows, {result.files} files "
            f"({result.size / 1024 / 1024:.1f} MB)."
        )
