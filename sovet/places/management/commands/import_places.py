import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sovet.core.models import Region
from sovet.places import importer, services
from sovet.places.models import PlaceKind


class Command(BaseCommand):
    help = (
        "Import memorial places from a CSV, XLSX or GeoJSON file. Every row is checked first; "
        "the places are saved only if no row has an error, all in one transaction. Prints the "
        "report (counts and problems by row) and exits with status 1 when there are errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--publish", action="store_true", help="Publish the places (default: drafts)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report only; save nothing."
        )
        parser.add_argument(
            "--kind", choices=PlaceKind.values, default="", help="The kind of rows that say none."
        )
        parser.add_argument(
            "--region", default="", help="The region (its code) of rows that name none."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the report.",
        )

    def handle(self, *args, file, language, **options):
        with translation.override(language):
            self._import(file, **options)

    def _import(self, file: Path, *, publish, dry_run, kind, region, **options):
        default_region = None
        if region:
            default_region = Region.objects.filter(code=region).first()
            if default_region is None:
                codes = ", ".join(Region.objects.values_list("code", flat=True))
                raise CommandError(_("Unknown region: use one of %(codes)s.") % {"codes": codes})
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        started = time.perf_counter()
        try:
            # The command is run on the server by its administrators: they may publish.
            report = importer.check_file(
                file.name,
                data,
                may_publish=True,
                publish=publish,
                default_kind=kind,
                default_region=default_region,
            )
        except importer.ImportRefused as error:
            raise CommandError(str(error)) from error
        self._print_report(report)
        if not report.can_import:
            raise CommandError(_("The file has errors: nothing was imported."))
        if dry_run:
            self.stdout.write(_("Dry run: the file can be imported; nothing was saved."))
            return
        places = services.places_import(report)
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(count)s places in %(seconds).1f s.")
                % {"count": len(places), "seconds": time.perf_counter() - started}
            )
        )

    def _print_report(self, report: importer.ImportReport) -> None:
        self.stdout.write(
            _(
                "Places in the file: %(rows)s, ready to import: %(ready)s, with warnings: "
                "%(warnings)s, with errors: %(errors)s."
            )
            % {
                "rows": len(report.rows),
                "ready": report.to_import,
                "warnings": report.warning_rows,
                "errors": report.error_rows,
            }
        )
        if report.unused_columns:
            self.stdout.write(
                self.style.WARNING(
                    _("Left out, as no field takes them: %(columns)s.")
                    % {"columns": ", ".join(report.unused_columns)}
                )
            )
        unit = pgettext("GeoJSON", "Feature") if report.file_kind == "geojson" else _("Row")
        for problem in report.problems:
            kind = _("Error") if problem.is_error else _("Warning")
            line = f"{unit} {problem.row}, {problem.column}: {kind}: {problem.message}"
            if problem.link:
                line += f" {settings.SITE_URL}{problem.link}"
            style = self.style.ERROR if problem.is_error else self.style.WARNING
            self.stdout.write(style(line))
