"""Every page route keeps its address and its name (``reverse_subpage``), whichever app owns it."""

import pytest

from sovet.conferences.models import ConferenceIndexPage
from sovet.events.models import EventIndexPage
from sovet.memory.models import MemoryIndexPage
from sovet.organizations.models import CouncilPage, OrganizationIndexPage
from sovet.places.models import PlacesIndexPage
from sovet.site.models import DocumentsPage, NewsIndexPage

ROUTES = [
    (ConferenceIndexPage, "index_view", {}, "/"),
    (ConferenceIndexPage, "conference", {"slug": "xii"}, "/xii/"),
    (ConferenceIndexPage, "decision", {"slug": "xii", "number": 9}, "/xii/9/"),
    (ConferenceIndexPage, "invitation", {"token": "a-b_c" * 5}, "/invitation/" + "a-b_c" * 5 + "/"),
    (EventIndexPage, "calendar_view", {}, "/"),
    (EventIndexPage, "feed_view", {}, "/feed/"),
    (EventIndexPage, "campaign", {"slug": "regiment"}, "/campaigns/regiment/"),
    (EventIndexPage, "campaign_edition", {"slug": "regiment", "year": 2021}, "/campaigns/regiment/2021/"),
    (EventIndexPage, "campaign_map", {"slug": "regiment", "year": 2021}, "/campaigns/regiment/2021/map/"),
    (EventIndexPage, "event", {"pk": 7}, "/7/"),
    (EventIndexPage, "event_ics", {"pk": 7}, "/7/ics/"),
    (MemoryIndexPage, "search_view", {}, "/"),
    (MemoryIndexPage, "person", {"pk": 7}, "/7/"),
    (MemoryIndexPage, "placard", {"pk": 7}, "/7/placard/"),
    (MemoryIndexPage, "placard_pdf", {"pk": 7}, "/7/placard/pdf/"),
    (MemoryIndexPage, "report", {"pk": 7}, "/7/report/"),
    (MemoryIndexPage, "story_new", {}, "/stories/new/"),
    (MemoryIndexPage, "story_add", {"pk": 7}, "/7/stories/new/"),
    (MemoryIndexPage, "story_confirm", {"token": "a-b_c"}, "/stories/confirm/a-b_c/"),
    (MemoryIndexPage, "story_status", {"token": "a-b_c"}, "/stories/a-b_c/"),
    (MemoryIndexPage, "open_data", {"fmt": "csv"}, "/open-data/csv/"),
    (OrganizationIndexPage, "directory_view", {}, "/"),
    (OrganizationIndexPage, "map_view", {}, "/map/"),
    (OrganizationIndexPage, "map_page", {}, "/on-the-map/"),
    (OrganizationIndexPage, "card", {"slug": "ksors"}, "/ksors/"),
    (CouncilPage, "council_view", {}, "/"),
    (PlacesIndexPage, "index_view", {}, "/"),
    (PlacesIndexPage, "place", {"pk": 7}, "/7/"),
    (PlacesIndexPage, "place_report", {"pk": 7}, "/7/report/"),
    (PlacesIndexPage, "report", {}, "/report/"),
    (PlacesIndexPage, "report_status", {"token": "a-b_c"}, "/reports/a-b_c/"),
    (PlacesIndexPage, "map", {}, "/map/"),
    (PlacesIndexPage, "export", {"fmt": "geojson"}, "/export/geojson/"),
    (PlacesIndexPage, "plate", {"pk": 7}, "/7/plate/"),
    (PlacesIndexPage, "plate_pdf", {"pk": 7}, "/7/plate/pdf/"),
    (NewsIndexPage, "index_view", {}, "/"),
    (NewsIndexPage, "feed_view", {}, "/feed/"),
    (DocumentsPage, "document", {"pk": 7}, "/7/"),
]  # fmt: skip


@pytest.mark.parametrize("model, name, kwargs, address", ROUTES)
def test_route_keeps_its_name_and_address(model, name, kwargs, address):
    # What ``page.reverse_subpage(name, kwargs=…)`` answers, without a page in the database.
    assert "/" + model.get_resolver().reverse(name, **kwargs) == address


@pytest.mark.parametrize("model, name, kwargs, address", ROUTES)
def test_address_leads_to_the_route(model, name, kwargs, address):
    match = model.get_resolver().resolve(address)
    assert match.url_name == name
    assert {key: str(value) for key, value in match.kwargs.items() if value is not None} == {
        key: str(value) for key, value in kwargs.items()
    }


def test_no_route_is_left_out():
    named = {(model, name) for model, name, _kwargs, _address in ROUTES}
    for model in {model for model, *_rest in ROUTES}:
        declared = {url.name for url in model.routes}
        assert declared == {name for owner, name in named if owner is model}, model.__name__
