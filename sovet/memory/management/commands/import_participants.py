import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sovet.memory import importer
from sovet.memory.models import CardStatus

# Redraw the progress bar at most this often, in seconds.
PROGRESS_EVERY = 0.25


class Command(BaseCommand):
    help = (
        "Import cards of war participants from a CSV or XLSX file whose first row names the "
        "columns. Bad rows are skipped and listed in an errors CSV; an interrupted import "
        "continues where it stopped when run again with the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--status",
            choices=[CardStatus.DRAFT, CardStatus.PUBLISHED],
            default=CardStatus.DRAFT,
            help="The status of the imported cards (default: draft).",
        )
        parser.add_argument(
            "--errors", type=Path, help="Where to write the rows that were skipped, as CSV "
            "(default: FILE.errors.csv).",
        )  # fmt: skip
        parser.add_argument(
            "--state", type=Path, help="The state file of a resumable import "
            "(default: FILE.import-state.json).",
        )  # fmt: skip
        parser.add_argument(
            "--restart", action="store_true", help="Ignore the state of an earlier run."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the error report and of the summary.",
        )
        parser.add_argument("--batch-size", type=int, default=importer.BATCH_SIZE)

    def handle(self, *args, file, language, **options):
        with translation.override(language):
            self._import(file, **options)

    def _import(self, file, *, status, errors, state, restart, no_progress, batch_size, **options):
        try:
            job = importer.ParticipantImport(
                file,
                status=status,
                errors_path=errors,
                state_path=state,
                restart=restart,
                batch_size=batch_size,
            )
        except importer.ImportRefused as error:
            raise CommandError(str(error)) from error
        if job.unknown_columns:
            columns = ", ".join(f"«{title}»" for title in job.unknown_columns)
            self.stdout.write(
                self.style.WARNING(_("Columns not imported: %(columns)s.") % {"columns": columns})
            )
        if job.finished:
            self.stdout.write(
                _(
                    "%(file)s was imported completely before: nothing to do. Run with "
                    "--restart to import it again."
                )
                % {"file": file}
            )
            return
        if job.resume_from:
            self.stdout.write(
                _("Continuing the earlier import after row %(row)s.") % {"row": job.resume_from + 1}
            )
        progress = None if no_progress else self._progress_bar(job.resume_from)
        result = job.run(progress=progress)
        if progress:
            self.stderr.write("")  # end the progress line
        self.stdout.write(
            _(
                "Rows read: %(read)s, imported: %(imported)s, skipped: %(skipped)s, "
                "in %(seconds).1f s."
            )
            % {
                "read": result.rows_read,
                "imported": result.imported,
                "skipped": result.skipped,
                "seconds": result.seconds,
            }
        )
        if job.errors_path.exists():
            self.stdout.write(
                self.style.WARNING(
                    _("The skipped rows and the reasons are listed in %(path)s.")
                    % {"path": job.errors_path}
                )
            )

    def _progress_bar(self, first_row: int):
        started = time.perf_counter()
        shown = 0.0

        def show(done: int, total: int | None) -> None:
            nonlocal shown
            now = time.perf_counter()
            if now - shown < PROGRESS_EVERY and done != total:
                return
            shown = now
            rate = (done - first_row) / max(now - started, 1e-6)
            of_total = f" / {total:,}" if total else ""
            line = _("%(done)s%(of_total)s rows, %(rate)s rows/s") % {
                "done": f"{done:,}",
                "of_total": of_total,
                "rate": f"{rate:,.0f}",
            }
            self.stderr.write("\r" + line, ending="")
            self.stderr.flush()

        return show
