"""Public pages of the organizations app: the directory (with cards and the map feed) and the Council."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from sovet.core.pages import RoutedPage, SovetPage, re_route, route


class OrganizationIndexPage(RoutedPage, SovetPage):
    """/<lang>/organizations/: the directory, a card per organization and the map's GeoJSON."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    # The directory's filters (core.filters), read by the list and the map's GeoJSON.
    filter_form = "sovet.organizations.forms.DirectoryFilterForm"
    filter_routes = ("", "map/", "on-the-map/")
    routes = [
        route("", "sovet.organizations.views.directory_view"),
        # The map for people (a page); map/ is its GeoJSON, for the map and for machines.
        route("on-the-map/", "sovet.organizations.views.map_page_view", name="map_page"),
        route("map/", "sovet.organizations.views.map_view"),
        re_route(r"^(?P<slug>[-a-z0-9_]+)/$", "sovet.organizations.views.card_view", name="card"),
    ]

    class Meta:
        verbose_name = _("organizations directory")

    def organization_url(self, organization) -> str:
        return self.url + self.reverse_subpage("card", kwargs={"slug": organization.slug})


class CouncilPage(RoutedPage, SovetPage):
    """/<lang>/council/: the current composition of the Council and the earlier ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    routes = [route("", "sovet.organizations.views.council_view")]

    class Meta:
        verbose_name = _("Council composition page")
