"""A story's proof documents are private files (core.private_files): moderators and
administrators open them through the review page's links; nobody else, and no /media/ address
serves them. (Before, they lay under /media/memory/private/, served as they were on the
embedded site.) Migration 0007 moves the documents kept before into the private storage."""

import importlib
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.core.private_files import file_key, private_storage
from sovet.core.testing import MEMBER, TEST_TOTP_SECRET, assert_not_under_media
from sovet.memory.models import StoryDocument

from .factories import PDF, StoryDocumentFactory, StoryFactory

ALLOWED = {str(Role.MEMORY_MODERATOR), str(Role.ADMINISTRATOR)}


@pytest.fixture
def document(users):
    for role in Role:  # staff sign in with two factors, or the admin sends them to set it up
        TOTP.activate(users[str(role)], TEST_TOTP_SECRET)
    return StoryDocumentFactory()


def get_as(client, user, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url)


@pytest.mark.django_db
def test_a_document_opens_for_moderators_and_administrators_only(users, document, client):
    url = reverse("memory_document", args=[file_key(document.file)])
    with translation.override("ru"):
        not_found = gettext("Page not found")
    for name, user in users.items():
        response = get_as(client, user, url)
        if name in ALLOWED:
            assert response.status_code == 200, name
            assert b"".join(response.streaming_content) == PDF, name
            assert quote("извещение.pdf") in response["Content-Disposition"]
        elif not user.is_authenticated or name == MEMBER:
            assert response.status_code == 302, name  # no admin at all: the sign-in page
            assert response.url.startswith(reverse("account_login")), name
        else:  # the secretary, editors, help-desk staff: as if there were no document
            assert response.status_code == 404, name
            assert not_found in response.content.decode(), name
            assert b"trailer" not in response.content, name


@pytest.mark.django_db
def test_a_document_has_a_random_name_outside_the_media(document, client):
    assert document.file.name.startswith("memory/private/")
    assert "извещение" not in document.file.name
    assert_not_under_media(client, [document.file], PDF)


@pytest.mark.django_db
def test_the_migration_moves_documents_kept_under_the_media_and_back(users):
    migration = importlib.import_module("sovet.memory.migrations.0007_private_story_documents")
    story = StoryFactory(new_person=True)
    name = default_storage.save(f"memory/private/{'a' * 32}.pdf", ContentFile(PDF))
    document = StoryDocument.objects.create(story=story, file=name, name="акт.pdf")
    missing = StoryDocument.objects.create(story=story, file=f"memory/private/{'b' * 32}.pdf")

    migration.to_private(apps, None)
    document.refresh_from_db()
    assert document.file.name == name
    assert private_storage().open(name).read() == PDF
    assert not default_storage.exists(name)
    missing.refresh_from_db()
    assert missing.file.name == f"memory/private/{'b' * 32}.pdf"  # left as it was

    migration.to_media(apps, None)
    assert default_storage.open(name).read() == PDF
    assert not private_storage().exists(name)
    default_storage.delete(name)
