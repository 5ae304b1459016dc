"""Progress reports' photo and document: private files (core.private_files), for the secretary
and the reporting organization's editors only (rules.can_open_report_files)."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from sovet.core.private_files import PrivateFileView, file_key, private_file_url

from . import rules
from .models import ProgressReport

URL_NAME = "conferences_report_file"


class ReportFileView(PrivateFileView):
    model = ProgressReport
    fields = ("photo", "document")

    def get_queryset(self):
        return ProgressReport.objects.select_related("organization")

    def allowed(self, user, report) -> bool:
        return rules.can_open_report_files(user, report)

    def download_name(self, report, file) -> str:
        if file.name == report.document.name and report.document_name:
            return report.document_name
        return file_key(file)


def attachment_links(report) -> list[tuple[str, str]]:
    """(address, label) of the report's attachments, for those allowed to open them."""
    return [
        (private_file_url(URL_NAME, file), label)
        for file, label in ((report.photo, _("Photo")), (report.document, _("Document")))
        if file
    ]


class AttachmentsColumn(Column):
    """The secretary's list of reports links each report's photo and document."""

    def get_value(self, report):
        return (
            format_html_join(
                " · ",
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                attachment_links(report),
            )
            or "—"
        )
