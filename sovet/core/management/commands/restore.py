from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sovet.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (SRC, or the newest in SRC) into this "
        "site's database and storages, then check every file and row count against it."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup folder, or the folder that keeps them.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before restoring.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has tables (with --yes only).",
        )

    def handle(self, *args, source, yes=False, force=False, **options):
        if force and not yes:
            raise CommandError("--force replaces what the database holds: give --yes with it.")
        try:
            folder = backups.find_backup(source)
            if not yes:
                database = connections["default"].settings_dict["NAME"]
                answer = input(f"Restore {folder} into {database} and the storages? [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    raise CommandError("Nothing restored.")
            report = backups.backup_restore(source=folder, force=force)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {report.folder}: {report.models} models' row counts and "
            f"{report.files} files checked."
        )
        for error in report.errors:
            self.stderr.write(f"  {error}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} differences from the backup (listed above).")
        self.stdout.write(
            "Everything matches. Next: `manage.py migrate` if this code is newer than the "
            "backup, then `manage.py rebuild_search`."
        )
