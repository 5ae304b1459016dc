"""Public pages of the organizations app: the directory (with cards and the map feed) and the Council."""

from django.conf import settings
from django.db import models
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from sovet.core.filters import list_filters
from sovet.core.lookups import index_page
from sovet.core.pages import SovetPage, paginate

# `queries` imports the models package, which imports this module: it is imported inside the
# views to break the cycle.
from .registry import Organization

DIRECTORY_PAGE_SIZE = 20


class OrganizationIndexPage(RoutablePageMixin, SovetPage):
    """/<lang>/organizations/: the directory, a card per organization and the map's GeoJSON."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    # The directory's filters (core.filters), read by the list and the map's GeoJSON.
    filter_form = "sovet.organizations.forms.DirectoryFilterForm"
    filter_routes = ("", "map/")

    class Meta:
        verbose_name = _("organizations directory")

    def organization_url(self, organization) -> str:
        return self.url + self.reverse_subpage("card", kwargs={"slug": organization.slug})

    def _filtered(self, request):
        from .. import queries

        form = list_filters(self, request)
        return form, queries.directory(**form.filters())

    @path("")
    def directory_view(self, request):
        form, organizations = self._filtered(request)
        query_string = request.GET.copy()
        query_string.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "organizations": paginate(request, organizations, per_page=DIRECTORY_PAGE_SIZE),
                "extra_query": query_string.urlencode(),
                "map_tiles": settings.MAP_TILE_URL,
                "map_attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        )

    @path("map/")
    def map_view(self, request):
        from .. import queries

        _form, organizations = self._filtered(request)
        features = queries.map_features(organizations, url_for=self.organization_url)
        response = JsonResponse(features, json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = "application/geo+json"
        return response

    @re_path(r"^(?P<slug>[-a-z0-9_]+)/$", name="card")
    def card_view(self, request, slug):
        from .. import queries

        try:
            organization = queries.organization_card(slug)
        except Organization.DoesNotExist as missing:
            raise Http404 from missing
        sections = [
            section
            for fn in hooks.get_hooks("organization_card_sections")
            if (section := fn(request, organization))
        ]
        return self.render(
            request,
            context_overrides={"organization": organization, "sections": sections},
            template="organizations/organization_card.html",
        )


class CouncilPage(SovetPage):
    """/<lang>/council/: the current composition of the Council and the earlier ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("Council composition page")

    def get_context(self, request, *args, **kwargs):
        from .. import queries

        context = super().get_context(request, *args, **kwargs)
        context["current_term"], context["earlier_terms"] = queries.council_terms()
        context["directory"] = index_page(OrganizationIndexPage)
        return context
