"""Wagtail's page serving, with the site and the page an address leads to found once per content
version (core/fragments.py) instead of once per request.

Wagtail finds the site (one query), then walks the tree from its root in the active language, a
query for each level and another for each page's specific type: four to seven queries before a
page's own work begins. Every one of them reads pages, sites and locales, whose changes move the
content version, so the way is kept and a request reads the page it leads to in one query, then
lets Wagtail serve it as usual (its hooks, view restrictions, the page's own routes).
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import re_path
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from sovet.core import fragments


def find_site(request) -> Site | None:
    """``Site.find_for_request``, kept per host and port; Wagtail then reads it from the request."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = fragments.cached(
            "site", hostname, port, compute=lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


def locate(site: Site, path: str) -> tuple[int, int, tuple[str, ...]] | None:
    """Where Wagtail's ``Page.route`` would stop for ``path``: the page's content type and id and
    the path components left to its own routes; None when it would answer 404."""
    page = site.root_page.localized.specific
    components = [component for component in path.split("/") if component]
    while True:
        if isinstance(page, RoutablePageMixin) and page.live:
            try:
                page.resolve_subpage("/" + "".join(f"{part}/" for part in components))
            except Http404:
                pass
            else:
                return page.content_type_id, page.pk, tuple(components)
        if not components:
            return (page.content_type_id, page.pk, ()) if page.live else None
        try:
            child = page.get_children().get(slug=components[0])
        except Page.DoesNotExist:
            return None
        page, components = child.specific, components[1:]


def _route(request, path: str):
    site = find_site(request)
    if site is None:
        return None
    target = fragments.cached(
        "page-route",
        site.pk,
        translation.get_language(),
        path,
        compute=lambda: locate(site, path),
        keep_none=False,  # addresses that lead nowhere are endless
    )
    if target is None:
        raise Http404
    content_type_id, pk, components = target
    page = fragments.cached(
        "page", pk, compute=lambda: _load(content_type_id, pk), keep_none=False, local_only=True
    )
    if page is None:  # deleted since (the version moves after the commit)
        return Page.route_for_request(request, path)
    # A copy of its own for this request: what a request sets on its page stays in that request.
    return copy.copy(page).route(request, list(components))


def _load(content_type_id: int, pk: int) -> Page | None:
    """The page as this process keeps it: its locale, and its view restrictions and its
    ancestors' (``SovetPage.get_view_restrictions``), which Wagtail checks on every request."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.select_related("locale").filter(pk=pk).first()
    if page is not None:
        page.kept_view_restrictions = list(Page.get_view_restrictions(page))
    return page


def serve(request, path):
    """Wagtail's ``serve`` view, handed the page found through the kept way."""
    if settings.FRAGMENT_CACHE and not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = _route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


# Wagtail's own addresses, its page view replaced by the one above (the same name and pattern,
# so page URLs reverse as before).
urlpatterns = [
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
