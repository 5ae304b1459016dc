"""The public directory, cards, map feed and Council page, in three languages and at scale."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.models import Region
from sovet.core.testing import page_text
from sovet.organizations.models import Organization, OrganizationTag

from .factories import make_organization

UNION = "soyuz-sootechestvennits-kyrgyzstana"
FUND = "fond-podderzhki-i-zashchity-prav-sootechestvennikov-prozhivayushchikh-za-rubezhom"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_directory_card_and_council_pages_are_translated(demo, client, language):
    for path in ("organizations/", f"organizations/{UNION}/", f"organizations/{FUND}/", "council/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_card_shows_the_organization_in_the_active_language(demo, client):
    assert (
        "Union of Women Compatriots of Kyrgyzstan"
        in client.get(f"/en/organizations/{UNION}/").content.decode()
    )
    html = client.get(f"/ky/organizations/{FUND}/").content.decode()
    assert "Чет өлкөдө жашаган мекендештердин" in html
    assert "Оштогу мекендештерге укуктук колдоо борбору" in html  # a branch
    assert client.get("/ru/organizations/no-such-organization/").status_code == 404


@pytest.mark.django_db
def test_filters_narrow_the_list_and_bad_values_are_ignored(demo, client):
    total = Organization.objects.count()
    assert client.get("/ru/organizations/").context["organizations"].paginator.count == total
    osh = client.get("/ru/organizations/?region=osh-city").context["organizations"]
    assert {o.region.code for o in osh} == {"osh-city"} and osh.paginator.count == 3
    youth_members = client.get("/ru/organizations/?tag=youth&kind=member").context["organizations"]
    assert youth_members.paginator.count == 5
    partners = client.get("/ru/organizations/?kind=partner").context["organizations"]
    assert {o.is_partner for o in partners} == {True}
    schools = client.get("/ru/organizations/?type=school").context["organizations"]
    assert [o.type for o in schools] == ["school"]
    bogus = client.get("/ru/organizations/?region=atlantis&type=pirates&tag=nope&page=x")
    assert bogus.status_code == 200


@pytest.mark.django_db
def test_text_search_finds_by_name_city_and_in_any_language(demo, client):
    found = client.get("/ru/organizations/", {"q": "блокадников"}).context["organizations"]
    assert [o.name_ru for o in found] == ["Кыргызское общество блокадников Ленинграда"]
    found = client.get("/ru/organizations/", {"q": "Каракол"}).context["organizations"]
    assert [o.city for o in found] == ["Каракол"]
    found = client.get("/en/organizations/", {"q": "Volunteers"}).context["organizations"]
    assert found.paginator.count == 1
    assert (
        client.get("/ru/organizations/", {"q": "zzzzzz"}).context["organizations"].paginator.count
        == 0
    )


@pytest.mark.django_db
def test_map_feed_is_geojson_in_lon_lat_order_with_the_filters(demo, client):
    response = client.get("/ru/organizations/map/?region=osh-city")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 70 < lon < 75 and 39 < lat < 42
    assert all(f["properties"]["url"].startswith("/ru/organizations/") for f in data["features"])
    all_features = json.loads(client.get("/en/organizations/map/").content)["features"]
    located = Organization.objects.exclude(latitude=None).count()
    assert len(all_features) == located < Organization.objects.count()


@pytest.mark.django_db
def test_map_degrades_to_the_list_without_a_tile_server(demo, client, settings):
    settings.MAP_TILE_URL = ""
    html = client.get("/ru/organizations/").content.decode()
    assert 'id="organizations-map"' not in html and "leaflet" not in html
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client.get("/ru/organizations/").content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html


@pytest.mark.django_db
def test_council_page_shows_the_current_composition_and_the_history(demo, client):
    context = client.get("/ru/council/").context
    assert context["current_term"].approved_on.year == 2021
    assert [t.approved_on.year for t in context["earlier_terms"]] == [2019]
    html = client.get("/en/council/").content.decode()
    assert "Петрова Анна Викторовна" in html  # names are never translated
    assert "The Council elected in 2021" in html


@pytest.mark.django_db
def test_council_page_never_shows_private_contacts(demo, client):
    from sovet.organizations.models import CouncilSeat

    seat = CouncilSeat.objects.first()
    seat.email, seat.phone = "private.person@example.org", "+996 555 111 222"
    seat.save()
    html = page_text(client.get("/ru/council/"), seat.person_name)
    assert "private.person@example.org" not in html and "555 111 222" not in html


def make_many(count):
    regions = list(Region.objects.all())
    tags = list(OrganizationTag.objects.all())
    parent = make_organization()
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                name_ru=f"Организация номер {n}", name_key=f"организация номер {n}", slug=f"org-{n}",
                type="society", region=regions[n % len(regions)], city="Город",
                latitude=Decimal("42.1"), longitude=Decimal("74.1"), parent=parent,
            )
            for n in range(count)
        ]
    )  # fmt: skip
    through = Organization.tags.through
    through.objects.bulk_create(
        [
            through(organization=o, organizationtag=tags[i % len(tags)])
            for i, o in enumerate(organizations)
        ]
        + [
            through(organization=o, organizationtag=tags[(i + 3) % len(tags)])
            for i, o in enumerate(organizations)
        ]
    )
    return parent


@pytest.mark.django_db
def test_directory_card_and_map_queries_do_not_grow_with_500_organizations(demo, client):
    def count_queries(path):
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    paths = ["/ru/organizations/", "/ru/organizations/?tag=youth", f"/ru/organizations/{FUND}/",
             "/ru/organizations/map/", "/ru/council/"]  # fmt: skip
    before = {path: count_queries(path) for path in paths}
    parent = make_many(500)
    paths.append(f"/ru/organizations/{parent.slug}/")  # a card with 500 branches
    after = {path: count_queries(path) for path in paths}
    for path in paths[:-1]:
        assert after[path] == before[path], (path, before[path], after[path])
    assert after[paths[-1]] <= before[f"/ru/organizations/{FUND}/"]
    assert max(after.values()) <= 25, after
