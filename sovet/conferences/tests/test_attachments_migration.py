"""Migrations 0003 and 0004 move the attachments kept in Wagtail's library (the restricted "Progress
reports" collection, files under the media) into the private storage, and deletes the library's
copies unless something else uses them."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, ReferenceIndex

from sovet.conferences.models import Conference, Decision, ProgressReport, Resolution
from sovet.core.private_files import private_storage
from sovet.organizations.tests.factories import make_organization

from .test_reports import png_bytes

PDF = b"%PDF-1.4\n% the act\n%%EOF\n"
BEFORE = [("conferences", "0002_quotas_inline")]
AFTER = [("conferences", "0004_drop_library_attachments")]


def library_image(name, collection):
    image = get_image_model()(
        title=name, file=ImageFile(io.BytesIO(png_bytes()), name=name), collection=collection
    )
    image.save()
    return image


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_library_attachments_move_to_the_private_storage():
    # As the report form kept them before: in a collection for signed-in accounts.
    collection = Collection.get_first_root_node().add_child(name="Progress reports")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    photo = library_image("meeting.png", collection)
    rendition = photo.get_rendition("max-10x10")
    document = get_document_model()(
        title="Решение 1", file=ContentFile(PDF, name="act.pdf"), collection=collection
    )
    document.save()
    # A report photo the secretary then chose as an organization's logo stays in the library.
    organization = make_organization()
    logo = library_image("logo.png", Collection.get_first_root_node())
    organization.logo = logo
    organization.save()
    ReferenceIndex.create_or_update_for_object(organization)
    old_files = [photo.file.name, rendition.file.name, document.file.name]
    assert all(default_storage.exists(name) for name in old_files)

    conference = Conference.objects.create(number=12)
    resolution = Resolution.objects.create(conference=conference, adopted_on=date(2024, 5, 1))
    decision = Decision.objects.create(resolution=resolution, number=1, text_ru="Решение")
    with_both = ProgressReport.objects.create(
        decision=decision, organization=organization, text="1"
    )
    with_logo = ProgressReport.objects.create(
        decision=decision, organization=organization, text="2"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("conferences", "ProgressReport")
    old.objects.filter(pk=with_both.pk).update(photo_id=photo.pk, document_id=document.pk)
    old.objects.filter(pk=with_logo.pk).update(photo_id=logo.pk)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    with_both.refresh_from_db()
    assert with_both.photo.name.startswith("conferences/reports/")
    assert private_storage().open(with_both.photo.name).read() == png_bytes()
    assert private_storage().open(with_both.document.name).read() == PDF
    assert with_both.document_name == "act.pdf"
    with_logo.refresh_from_db()
    assert private_storage().open(with_logo.photo.name).read() == png_bytes()
    # The library's copies are gone, files and renditions too, and the emptied collection.
    assert list(get_image_model().objects.values_list("pk", flat=True)) == [logo.pk]
    assert not get_document_model().objects.exists()
    assert not any(default_storage.exists(name) for name in old_files)
    assert default_storage.exists(logo.file.name)
    assert not Collection.objects.filter(name="Progress reports").exists()
    root = Collection.get_first_root_node()
    assert root.numchild == root.get_children().count() == 0
