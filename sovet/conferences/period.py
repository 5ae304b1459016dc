"""«Итоги работы за период»: what became of a resolution's decisions by the next conference.

Built once from the database (a bounded number of queries), then rendered as a page, the PDF
of that same page (core.printing) and a DOCX (python-docx), all in Russian.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail import hooks

from sovet.core import printing
from sovet.core.text import typeset
from sovet.organizations.models import Organization

from .models import Decision, DecisionKind, ProgressReport, Resolution

TEMPLATE = "conferences/period_report.html"


@dataclass
class PeriodReport:
    resolution: Resolution
    start: date
    end: date
    decisions: list[Decision]
    by_kind: list[tuple[str, int, int]]  # kind label, decisions, done
    by_organization: list[tuple[Organization, list[Decision]]]
    figures: list[tuple[str, object]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return translation.gettext("Results of the work over the period")

    @property
    def subtitle(self) -> str:
        return translation.gettext("%(resolution)s: %(start)s — %(end)s") % {
            "resolution": self.resolution,
            "start": date_format(self.start, "DATE_FORMAT"),
            "end": date_format(self.end, "DATE_FORMAT"),
        }


def build(resolution: Resolution, *, end: date | None = None) -> PeriodReport:
    """The report for the period from the resolution's adoption to ``end`` (default: today)."""
    start, end = resolution.adopted_on, end or timezone.localdate()
    reports = ProgressReport.objects.filter(reported_on__range=(start, end)).select_related(
        "organization"
    )
    decisions = list(
        resolution.decisions.prefetch_related(
            Prefetch("organizations", queryset=Organization.objects.order_by("name_ru")),
            Prefetch(
                "reports", queryset=reports.order_by("reported_on", "pk"), to_attr="period_reports"
            ),
        ).order_by("number")
    )
    by_kind = []
    for kind, label in DecisionKind.choices:
        of_kind = [d for d in decisions if d.kind == kind]
        if of_kind:
            by_kind.append((str(label), len(of_kind), sum(d.status == "done" for d in of_kind)))
    organizations = {}
    for decision in decisions:
        for organization in decision.organizations.all():
            organizations.setdefault(organization.pk, (organization, []))[1].append(decision)
    by_organization = sorted(organizations.values(), key=lambda pair: pair[0].name_ru)
    figures = [figure for fn in hooks.get_hooks("period_figures") for figure in fn(start, end)]
    return PeriodReport(resolution, start, end, decisions, by_kind, by_organization, figures)


def as_pdf(report: PeriodReport) -> bytes:
    """The report's page as a PDF: letterhead, page numbers, the date printed, tables."""
    html = render_to_string(TEMPLATE, {"report": report})
    return printing.pdf_bytes(html, base_url=settings.SITE_URL + "/")


def as_docx(report: PeriodReport) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.subtitle)
    if report.figures:
        table = document.add_table(rows=0, cols=2)
        for label, value in report.figures:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(label), str(value)
    for decision in report.decisions:
        document.add_heading(f"{decision.number}. {typeset(decision.text_ru)}", level=3)
        document.add_paragraph(_status_line(decision))
        for item in decision.period_reports:
            document.add_paragraph(
                f"{date_format(item.reported_on, 'SHORT_DATE_FORMAT')}, {item.organization.name_ru}: {typeset(item.text)}",
                style="List Bullet",
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _status_line(decision: Decision) -> str:
    names = ", ".join(o.name_ru for o in decision.organizations.all())
    line = f"{decision.get_kind_display()} · {decision.get_status_display()} · {decision.progress}%"
    return f"{line} · {names}" if names else line
