"""The public pages of the organizations app: the routes of the directory and the Council page."""

import copy

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from sovet.core import fragments
from sovet.core.filters import list_filters
from sovet.core.lookups import index_page
from sovet.core.pages import paginate

from . import queries
from .models import Organization, OrganizationIndexPage

DIRECTORY_PAGE_SIZE = 20


def _filtered(page, request):
    form = list_filters(page, request)
    return form, queries.directory(**form.filters())


def directory_view(page, request):
    form, organizations = _filtered(page, request)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "form": form,
            # Read only if the page's kept fragment is not there.
            "organizations": SimpleLazyObject(
                lambda: paginate(request, organizations, per_page=DIRECTORY_PAGE_SIZE)
            ),
            "extra_query": query_string.urlencode(),
            "filter_query": form.query_string(),
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def map_page_view(page, request):
    """The directory on the map: the map (when the site has map tiles) and, readable without
    it, the same organizations by region with their cities."""
    form, organizations = _filtered(page, request)

    def by_region():
        found: dict = {}
        for organization in organizations.select_related("region"):
            found.setdefault(organization.region, []).append(organization)
        return sorted(found.items(), key=lambda item: (item[0].sort_order, item[0].pk))

    # Read only if the page's kept fragment is not there.
    regions = SimpleLazyObject(by_region)
    return page.render(
        request,
        context_overrides={
            "form": form,
            "regions": regions,
            # A callable, which the template calls: {% blocktranslate count %} needs a number.
            "count": lambda: sum(len(group) for _region, group in regions),
            "extra_query": form.query_string(),
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        template="organizations/organization_map_page.html",
    )


def map_view(page, request):
    _form, organizations = _filtered(page, request)
    features = queries.map_features(organizations, url_for=page.organization_url)
    response = JsonResponse(features, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return response


def card_view(page, request, slug):
    # Kept per content version with all its card shows; a copy of its own for this request.
    organization = fragments.cached(
        "organization-card", slug, compute=lambda: _card(slug), keep_none=False
    )
    if organization is None:
        raise Http404
    organization = copy.copy(organization)
    # Other apps' sections, worked out only if the page's kept fragment is not there.
    sections = SimpleLazyObject(
        lambda: [
            section
            for fn in hooks.get_hooks("organization_card_sections")
            if (section := fn(request, organization))
        ]
    )
    return page.render(
        request,
        context_overrides={"organization": organization, "sections": sections},
        template="organizations/organization_card.html",
    )


def _card(slug: str) -> Organization | None:
    try:
        return queries.organization_card(slug)
    except Organization.DoesNotExist:
        return None


def council_view(page, request):
    # Worked out only if the page's kept fragment is not there (the template reads it).
    context = SimpleLazyObject(lambda: _council_context(request))
    return page.render(
        request,
        context_overrides={
            name: SimpleLazyObject(lambda name=name: context[name])
            for name in ("current_term", "earlier_terms", "directory")
        },
    )


def _council_context(request) -> dict:
    current_term, earlier_terms = queries.council_terms()
    # The decision that approved each composition, as (text, address), from the apps that know
    # it: the `council_term_approvals` hook takes the terms and returns {term's pk: link}.
    terms = [t for t in (current_term, *earlier_terms) if t]
    approvals = {}
    for fn in hooks.get_hooks("council_term_approvals"):
        approvals.update(fn(request, terms))
    for term in terms:
        term.approval = approvals.get(term.pk)
    directory = index_page(OrganizationIndexPage)
    return {"current_term": current_term, "earlier_terms": earlier_terms, "directory": directory}
