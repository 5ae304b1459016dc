"""The public conference pages: the routes of ``ConferenceIndexPage``."""

from django.http import Http404

from sovet.core.pages import localized_pages

from . import queries, rules


def index_view(page, request):
    return page.render(request, context_overrides={"conferences": queries.conferences()})


def conference_view(page, request, slug):
    conference = queries.conference_by_slug(slug)
    if conference is None:
        raise Http404
    resolution = getattr(conference, "resolution", None)
    decisions = queries.resolution_decisions(resolution) if resolution else []
    show_progress = bool(resolution and rules.can_see_progress(request.user, resolution))
    if show_progress:
        queries.latest_reports(decisions)
    return page.render(
        request,
        context_overrides={
            "conference": conference,
            "resolution": resolution,
            "decisions": decisions,
            "show_progress": show_progress,
            "agenda": conference.agenda.order_by("sort_order"),
            "documents": conference.documents.all(),
            "photos": conference.photos.all(),
            "news": localized_pages(conference.news.live().specific()).values(),
        },
        template="conferences/conference.html",
    )
