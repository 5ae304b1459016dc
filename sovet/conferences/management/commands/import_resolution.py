from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sovet.conferences import importer, services


class Command(BaseCommand):
    help = (
        "Import an adopted resolution from a Markdown or text file (all of it, or nothing). "
        "With --dry-run, check it: the exit status is 1 when the text has errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--conference", type=int, help="The conference's number, if the text lacks it."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Use --conference even when the text names another number.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what was found; write nothing."
        )

    def handle(self, *args, file, conference=None, force=False, dry_run=False, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        try:
            text = importer.decode(data)
        except importer.UnreadableFile as error:
            raise CommandError(f"{file}: {error}") from error
        parsed = importer.parse(text, conference_number=conference, force=force)
        self._print(parsed)
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        for error in parsed.errors:
            self.stdout.write(self.style.ERROR(f"Error: {error}"))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            if parsed.errors:
                raise CommandError(f"The text has {len(parsed.errors)} error(s); see above.")
            return
        try:
            resolution = services.resolution_create(parsed=parsed, user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported the resolution of conference {resolution.conference.roman_number} "
                f"with {resolution.decisions.count()} decisions."
            )
        )

    def _print(self, parsed: importer.ParsedResolution) -> None:
        number = parsed.conference_number
        self.stdout.write(
            f"Language: {parsed.language}\n"
            f"Conference: {importer.int_to_roman(number) if number else '?'}\n"
            f"Title: {parsed.title or '?'}\nAdopted: {parsed.adopted_on or '?'}, {parsed.place or '?'}\n"
            f"Preamble: {parsed.preamble[:100]}{'…' if len(parsed.preamble) > 100 else ''}\n"
            f"Decisions: {len(parsed.decisions)}"
        )
        for decision in parsed.decisions:
            flag = " (check the kind)" if decision.needs_review else ""
            extra = (
                f" → conference {decision.schedules_conference}, {decision.scheduled_dates or '?'}"
                f", {decision.scheduled_city or 'city not named'}"
                if decision.schedules_conference
                else ""
            )
            due = f" due {decision.due}" if decision.due else ""
            repeats = f" repeats {decision.recurrence}" if decision.recurrence else ""
            self.stdout.write(
                f"{decision.number:>3}. [{decision.kind}{flag}]{extra}{due}{repeats} "
                f"{decision.text[:90]}"
            )
