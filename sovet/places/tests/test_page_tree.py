"""The memorial places page lives below the memory archive's page: the only kind of page an
editor may add there, though the archive (a lower layer) does not name it."""

import pytest
from wagtail.models import Page, get_page_models

from sovet.core.testing import make_staff
from sovet.memory.models import MemoryIndexPage
from sovet.organizations.models import OrganizationIndexPage
from sovet.places.models import PlacesIndexPage


def test_the_places_page_is_the_only_kind_of_child_of_the_memory_archive():
    assert MemoryIndexPage.allowed_subpage_models() == [PlacesIndexPage]
    assert MemoryIndexPage.creatable_subpage_models() == [PlacesIndexPage]
    assert PlacesIndexPage.allowed_parent_page_models() == [MemoryIndexPage]
    # Page types that name no parent (the directory, the site's standard page…) stay out.
    assert all(
        model is PlacesIndexPage or MemoryIndexPage not in model.allowed_parent_page_models()
        for model in get_page_models()
    )


@pytest.mark.django_db
def test_an_editor_adds_the_places_page_below_the_archive_and_nothing_else(client):
    root = Page.get_first_root_node().get_children().first()
    archive = root.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    client.force_login(make_staff("admin@example.org", superuser=True))

    response = client.get(f"/admin/pages/{archive.pk}/add_subpage/")
    # One kind of page may be added: Wagtail goes straight to its form.
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/add/places/placesindexpage/{archive.pk}/"
    assert client.get(response["Location"]).status_code == 200
    assert PlacesIndexPage.can_create_at(archive)
    refused = client.get(f"/admin/pages/add/organizations/organizationindexpage/{archive.pk}/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not OrganizationIndexPage.can_create_at(archive)

    archive.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    assert not PlacesIndexPage.can_create_at(archive)  # one per archive
