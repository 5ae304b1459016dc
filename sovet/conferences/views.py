"""The public conference pages: the routes of ``ConferenceIndexPage``."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from sovet.core.pages import localized_pages

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
            "agenda": conference.agenda.order_by("sort_order"),
            "documents": conference.documents.all(),
            "photos": conference.photos.all(),
            "news": SimpleLazyObject(
                lambda: list(localized_pages(conference.news.live().specific()).values())
            ),
        },
        template="conferences/conference.html",
    )
