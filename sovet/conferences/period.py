"""«Итоги работы за период»: what became of a resolution's decisions by the next conference.

Built once from the database (a bounded number of queries), then rendered as a page, the PDF
of that same page (core.printing) and a DOCX (python-docx), all in Russian, the Council's
working language. Numbers are written as the language writes them (core.i18n.number: «16 630»),
the same in all three.

What the figures count (so that they agree with each other and with the list):
- the decisions: every decision of the resolution, the very list the document prints; each is
  in one state (queries.decision_state: overdue, or its status, or "no follow-up needed" for
  thanks and notes), so the states add up to that list; "Decisions done" is done / to be
  carried out (tracked), and "by kind" adds up to the same list and the same done;
- the statuses are those of the day the report is made (a decision keeps no history of its
  status), which the document says;
- the progress reports: those on these decisions dated within the period, as printed under
  each decision;
- the other figures (events, members, memorial places) come from each app's `period_figures`
  hook, for the same period.
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
from sovet.core.i18n import number
from sovet.core.text import typeset
from sovet.organizations.models import Organization

from . import queries
from .models import Decision, DecisionKind, DecisionStatus, ProgressReport, Resolution

TEMPLATE = "conferences/period_report.html"


@dataclass
class PeriodReport:
    resolution: Resolution
    start: date
    end: date
    today: date
    decisions: list[Decision]
    summary: queries.DecisionSummary
    by_kind: list[tuple[str, int, int]]  # kind label, decisions, done
    by_organization: list[tuple[Organization, list[Decision]]]
    report_count: int
    figures: list[tuple[str, str]] = field(default_factory=list)  # label, number as written

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

    @property
    def as_of(self) -> str:
        return translation.gettext(
            "Statuses as of %(today)s; progress reports dated within the period."
        ) % {"today": date_format(self.today, "DATE_FORMAT")}

    @property
    def done(self) -> int:
        return self.summary.count(DecisionStatus.DONE)

    @property
    def decision_figures(self) -> list[tuple[str, str]]:
        """The resolution's own figures, counted from ``decisions`` (see the module's note)."""
        gettext = translation.gettext
        return [
            (gettext("Decisions in the resolution"), number(self.summary.total)),
            (gettext("of them to be carried out"), number(self.summary.tracked)),
            (
                gettext("Decisions done"),
                f"{number(self.done)} / {number(self.summary.tracked)}",
            ),
            (gettext("Decisions overdue"), number(self.summary.count("overdue"))),
            (gettext("Progress reports in the period"), number(self.report_count)),
        ]

    @property
    def kind_totals(self) -> tuple[int, int]:
        return sum(total for _l, total, _d in self.by_kind), sum(d for _l, _t, d in self.by_kind)


def build(
    resolution: Resolution, *, start: date | None = None, end: date | None = None
) -> PeriodReport:
    """The report for ``start`` (default: the resolution's adoption) to ``end`` (today)."""
    today = timezone.localdate()
    start, end = start or resolution.adopted_on, end or today
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
    summary = queries.decision_summary(decisions, today=today)
    by_kind = []
    for kind, label in DecisionKind.choices:
        of_kind = [d for d in decisions if d.kind == kind]
        if of_kind:
            done = sum(d.state == DecisionStatus.DONE for d in of_kind)
            by_kind.append((str(label), len(of_kind), done))
    organizations = {}
    for decision in decisions:
        for organization in decision.organizations.all():
            organizations.setdefault(organization.pk, (organization, []))[1].append(decision)
    by_organization = sorted(organizations.values(), key=lambda pair: pair[0].name_ru)
    figures = [
        (str(label), number(value))
        for fn in hooks.get_hooks("period_figures")
        for label, value in fn(start, end)
    ]
    return PeriodReport(
        resolution,
        start,
        end,
        today,
        decisions,
        summary,
        by_kind,
        by_organization,
        report_count=sum(len(d.period_reports) for d in decisions),
        figures=figures,
    )


def as_pdf(report: PeriodReport) -> bytes:
    """The report's page as a PDF: letterhead, page numbers, the date printed, tables."""
    html = render_to_string(TEMPLATE, {"report": report})
    return printing.pdf_bytes(html, base_url=settings.SITE_URL + "/")


def as_docx(report: PeriodReport) -> bytes:
    from docx import Document

    gettext = translation.gettext
    document = Document()
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.subtitle)
    document.add_paragraph(report.as_of)
    document.add_heading(gettext("The resolution's decisions"), level=2)
    _table(document, report.decision_figures)
    document.add_heading(gettext("Where the decisions stand"), level=3)
    _table(document, [(label, number(count)) for _key, label, count in report.summary.rows])
    if report.figures:
        document.add_heading(gettext("The period in figures"), level=2)
        _table(document, report.figures)
    document.add_heading(gettext("Decisions"), level=2)
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


def _table(document, rows) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(label), str(value)


def _status_line(decision: Decision) -> str:
    names = ", ".join(o.name_ru for o in decision.organizations.all())
    line = f"{decision.get_kind_display()} · {decision.status_label}"
    if decision.tracked:
        line += f" · {decision.progress}%"
    return f"{line} · {names}" if names else line
