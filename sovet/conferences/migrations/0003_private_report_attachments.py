"""Progress reports' photo and document move from Wagtail's image and document library (files
under MEDIA_URL, served to any signed-in account) to the private storage (core.private_files),
served only to the secretary and the reporting organization's editors.

Each attachment is copied under a random name; the library's image or document is then deleted
with its files (and an image's renditions), unless something other than a progress report uses
it. The "Progress reports" collection goes when nothing is left in it. Going back keeps the
copies and leaves the reports without library attachments.
"""

import posixpath

from django.core.files import File
from django.db import migrations, models

import sovet.core.private_files

FOLDER = "conferences/reports"
COLLECTION = "Progress reports"


def move_attachments(apps, schema_editor):
    ProgressReport = apps.get_model("conferences", "ProgressReport")
    reports = ProgressReport.objects.filter(
        models.Q(photo__isnull=False) | models.Q(document__isnull=False)
    ).select_related("photo", "document")
    storage = sovet.core.private_files.private_storage()
    new_name = sovet.core.private_files.RandomName(FOLDER)
    images, documents = set(), set()
    for report in reports:
        if report.photo is not None:
            report.photo_file = _copy(report.photo.file, storage, new_name)
            images.add(report.photo_id)
        if report.document is not None:
            report.document_file = _copy(report.document.file, storage, new_name)
            report.document_name = posixpath.basename(report.document.file.name)[:255]
            documents.add(report.document_id)
        report.save(update_fields=["photo_file", "document_file", "document_name"])
    _delete_unused(apps, "wagtailimages", "image", images)
    _delete_unused(apps, "core", "librarydocument", documents)
    _delete_empty_collection(apps)


def _copy(source, storage, new_name) -> str:
    """The copy's name in the private storage, or "" if the original file is missing."""
    try:
        with source.open("rb") as original:
            return storage.save(new_name(None, source.name), File(original))
    except FileNotFoundError:
        return ""


def _delete_unused(apps, app_label, model_name, pks):
    """Delete the library's objects that only progress reports used, with their files."""
    if not pks:
        return
    Model = apps.get_model(app_label, model_name)
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    # The document model's content type stays site's until site's 0002 hands it to core.
    labels = [app_label, "site"] if model_name == "librarydocument" else [app_label]
    target = ContentType.objects.filter(app_label__in=labels, model=model_name).first()
    report = ContentType.objects.filter(app_label="conferences", model="progressreport").first()
    used_elsewhere = set(
        ReferenceIndex.objects.filter(to_content_type=target, to_object_id__in=[str(pk) for pk in pks])
        .exclude(base_content_type=report)
        .values_list("to_object_id", flat=True)
    ) if target else set()
    for obj in Model.objects.filter(pk__in=pks):
        if str(obj.pk) in used_elsewhere:
            continue
        if app_label == "wagtailimages":
            for rendition in apps.get_model("wagtailimages", "Rendition").objects.filter(image=obj):
                rendition.file.delete(save=False)
        obj.file.delete(save=False)
        if target:
            ReferenceIndex.objects.filter(to_content_type=target, to_object_id=str(obj.pk)).delete()
        obj.delete()


def _delete_empty_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    collection = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if collection is None or collection.numchild:
        return
    for app_label, model_name in (("wagtailimages", "image"), ("core", "librarydocument")):
        if apps.get_model(app_label, model_name).objects.filter(collection=collection).exists():
            return
    # Historical models have no tree methods: keep the root's count of children right by hand.
    root = Collection.objects.get(depth=1, path=collection.path[:4])
    collection.delete()
    Collection.objects.filter(pk=root.pk).update(numchild=models.F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0002_quotas_inline"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="photo_file",
            field=models.FileField(
                blank=True,
                storage=sovet.core.private_files.private_storage,
                upload_to=sovet.core.private_files.RandomName("conferences/reports"),
                verbose_name="photo",
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="document_file",
            field=models.FileField(
                blank=True,
                storage=sovet.core.private_files.private_storage,
                upload_to=sovet.core.private_files.RandomName("conferences/reports"),
                verbose_name="document",
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="document_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="document's file name"),
        ),
        migrations.RunPython(move_attachments, migrations.RunPython.noop),
        # The old fields go in 0004: PostgreSQL alters no table with pending trigger events
        # (the foreign keys' deferred checks of the rows updated here) in the same transaction.
    ]
