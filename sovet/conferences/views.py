"""The public conference pages: the routes of ``ConferenceIndexPage``."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from sovet.core.lookups import index_url
from sovet.core.pages import localized_pages, paginate
from sovet.organizations.models import Organization, OrganizationIndexPage
from sovet.organizations.rules import editable_organizations

from . import queries, rules


def index_view(page, request):
    return page.render(request, context_overrides={"conferences": queries.conferences()})


def opened(request) -> tuple[bool, int | None]:
    """Which decisions the page shows unfolded: ``?open=all``, or ``?open=7`` (a link to one
    decision, which then opens without JavaScript). Anything else folds them all."""
    value = request.GET.get("open", "")
    if value == "all":
        return True, None
    return False, int(value) if value.isdecimal() and len(value) < 4 else None


def conference_view(page, request, slug):
    conference = queries.conference_by_slug(slug)
    if conference is None:
        raise Http404
    today = timezone.localdate()
    resolution = getattr(conference, "resolution", None)
    show_progress = bool(resolution and rules.can_see_progress(request.user, resolution))

    def read_decisions():
        found = queries.resolution_decisions(resolution) if resolution else []
        for decision in found:
            # A decision adopted in Kyrgyz only is shown in Kyrgyz, not as an empty line.
            decision.shown_text, decision.shown_language, _fallback = queries.text_with_fallback(
                decision, "text"
            )
        if show_progress:
            queries.latest_reports(found)
        return found

    # Read only if the page's kept fragment is not there (conferences/conference.html).
    decisions = SimpleLazyObject(read_decisions)
    summary = SimpleLazyObject(lambda: queries.decision_summary(decisions, today=today))
    manager = rules.can_manage_conferences(request.user)
    open_all, open_number = opened(request)
    return page.render(
        request,
        context_overrides={
            "conference": conference,
            "resolution": resolution,
            "decisions": decisions,
            "show_progress": show_progress,
            "summary": summary if show_progress else None,
            "open_all": open_all,
            "open_number": open_number,
            "dates_passed": conference.dates_passed_on(today),
            # For the Council's secretaries only: the period report and the conference's form.
            "manager": manager,
            "period_report_url": (
                reverse("conferences_period_report", args=[resolution.pk])
                if manager and resolution
                else ""
            ),
            "conference_edit_url": (
                reverse("conferences_conference:edit", args=[conference.pk]) if manager else ""
            ),
            # Items put to the vote and not adopted stay on record with their vote.
            "not_adopted": SimpleLazyObject(
                lambda: queries.not_adopted(conference) if resolution else []
            ),
            "agenda": conference.agenda.order_by("sort_order"),
            "documents": conference.documents.all(),
            "photos": conference.photos.all(),
            "news": SimpleLazyObject(
                lambda: list(localized_pages(conference.news.live().specific()).values())
            ),
        },
        template="conferences/conference.html",
    )


def viewer_organizations(user):
    """Whose reports in review, and whose review texts, the viewer reads on a decision's page:
    every organization's for the secretary (queries.ALL), an editor's own organizations' (as
    rules.can_open_report_files decides for the files), nobody's for the public."""
    if rules.can_manage_conferences(user):
        return queries.ALL
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        editable_organizations(user, Organization.objects.all()).values_list("pk", flat=True)
    )


def decision_view(page, request, slug, number):
    """A decision's accountability page: its text in three languages, where it stands, progress
    over time, the reports and their history, what served it (other apps' sections)."""
    conference = queries.conference_by_slug(slug)
    resolution = getattr(conference, "resolution", None) if conference else None
    # The page is the decision's progress: hidden with it (the text stays on the conference page).
    if resolution is None or not rules.can_see_progress(request.user, resolution):
        raise Http404
    decision = queries.decision_page(resolution, int(number))
    if decision is None:
        raise Http404
    decision.resolution = resolution  # read once, with the conference
    organizations = viewer_organizations(request.user)
    visible = queries.decision_reports(decision, organizations_of_viewer=organizations)
    # A page of reports (a decision kept up for years gathers hundreds); the chart, all of them.
    reports = paginate(request, visible)
    for report in reports:
        # The secretary's questions and the editor's answers may name people and problems: they
        # stay between the secretary and the reporting organization's editors. Everybody sees
        # that a report was asked for more and answered, and when.
        report.review_texts = organizations is queries.ALL or report.organization_id in (
            organizations
        )
    text, text_language, text_fallback = queries.text_with_fallback(decision, "text")
    conference_page = page.conference_url(conference)
    return page.render(
        request,
        context_overrides={
            "conference": conference,
            "resolution": resolution,
            "decision": decision,
            "text": text,
            "text_language": text_language,
            "text_fallback": text_fallback,
            "overdue": decision.is_overdue_on(timezone.localdate()),
            "reports": reports,
            "first_number": reports.paginator.count - reports.start_index() + 1,  # newest first
            "chart": queries.progress_chart(
                decision,
                visible.prefetch_related(None).select_related(None).only("reported_on", "progress"),
            ),
            "conference_page_url": conference_page,
            "back_url": f"{conference_page}?open={decision.number}#decision-{decision.number}",
            "directory_url": index_url(OrganizationIndexPage, request),
            "manager": rules.can_manage_conferences(request.user),
            # Other apps' sections: the events and the volunteer shifts that served it.
            "sections": [
                section
                for fn in hooks.get_hooks("decision_page_sections")
                if (section := fn(request, decision))
            ],
        },
        template="conferences/decision.html",
    )
