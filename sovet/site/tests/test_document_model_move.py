"""The document model moved from site to core with its table: on a database made before the move,
site's 0002 hands the model's content type over, so what points to it (tags, group permissions)
stays; on a new one it finds nothing to do. (A copy of a demo database migrated at the commit
before the move was migrated forward too, on SQLite and PostgreSQL: see the design notes.)"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem
from wagtail.documents import get_document_model

from sovet.core.models import LibraryDocument

migration = importlib.import_module("sovet.site.migrations.0002_document_model_moved_to_core")


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """The content types' cache outlives the rolled-back rows these tests make."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_the_document_model_is_cores_and_keeps_sites_table():
    assert get_document_model() is LibraryDocument
    assert LibraryDocument._meta.app_label == "core"
    assert LibraryDocument._meta.db_table == "site_librarydocument"


@pytest.mark.django_db
def test_a_database_from_before_the_move_keeps_the_documents_tags_and_grants():
    document = LibraryDocument.objects.create(title="Устав", file="documents/charter.pdf")
    # The database as it was: the model's content type under "site", tags and grants on it.
    new = ContentType.objects.get_for_model(LibraryDocument)
    new.delete()
    ContentType.objects.clear_cache()
    old = ContentType.objects.create(app_label="site", model="librarydocument")
    permission = Permission.objects.create(
        content_type=old, codename="change_librarydocument", name="Can change document"
    )
    secretaries, _ = Group.objects.get_or_create(name="Council secretaries")
    secretaries.permissions.add(permission)
    tag = Tag.objects.create(name="устав", slug="ustav")
    TaggedItem.objects.create(tag=tag, content_type=old, object_id=document.pk)
    # A post_migrate of a partial ``migrate core`` may have made the new one meanwhile.
    ContentType.objects.create(app_label="core", model="librarydocument")

    migration.hand_over(apps, None)

    ContentType.objects.clear_cache()
    handed = ContentType.objects.get_for_model(LibraryDocument)
    assert handed.pk == old.pk
    assert not ContentType.objects.filter(app_label="site", model="librarydocument").exists()
    assert list(LibraryDocument.objects.get(pk=document.pk).tags.names()) == ["устав"]
    assert secretaries.permissions.filter(
        content_type=handed, codename="change_librarydocument"
    ).exists()


@pytest.mark.django_db
def test_a_new_database_has_nothing_to_hand_over():
    before = ContentType.objects.get_for_model(LibraryDocument)
    migration.hand_over(apps, None)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(LibraryDocument).pk == before.pk
