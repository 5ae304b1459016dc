from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sovet.conferences import importer, services


class Command(BaseCommand):
    help = "Import an adopted resolution from a Markdown or text file (all of it, or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--conference", type=int, help="The conference's number, if the text lacks it."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what was found; write nothing."
        )

    def handle(self, *args, file, conference=None, dry_run=False, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        parsed = importer.parse(text, conference_number=conference)
        number = parsed.conference_number
        self.stdout.write(
            f"Conference: {importer.int_to_roman(number) if number else '?'}\n"
            f"Title: {parsed.title or '?'}\nAdopted: {parsed.adopted_on or '?'}, {parsed.place or '?'}\n"
            f"Preamble: {parsed.preamble[:100]}{'…' if len(parsed.preamble) > 100 else ''}\n"
            f"Decisions: {len(parsed.decisions)}"
        )
        for decision in parsed.decisions:
            flag = " (check the kind)" if decision.needs_review else ""
            extra = (
                f" → conference {decision.schedules_conference}, {decision.scheduled_dates}"
                if decision.schedules_conference
                else ""
            )
            self.stdout.write(
                f"{decision.number:>3}. [{decision.kind}{flag}]{extra} {decision.text[:90]}"
            )
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if dry_run:
            for error in parsed.errors:
                self.stdout.write(self.style.ERROR(f"Error: {error}"))
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            with transaction.atomic():
                resolution = services.resolution_create(parsed=parsed, user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported the resolution of conference {resolution.conference.roman_number} "
                f"with {resolution.decisions.count()} decisions."
            )
        )
