"""Story proof documents move from the media (a folder under MEDIA_URL) to the private storage
(core.private_files), which has no URL; the moderators' view still serves them. Their random
names stay. Going back copies them to the media again."""

from django.core.files.storage import default_storage
from django.db import migrations, models

import sovet.core.private_files


def to_private(apps, schema_editor):
    _move(apps, default_storage, sovet.core.private_files.private_storage())


def to_media(apps, schema_editor):
    _move(apps, sovet.core.private_files.private_storage(), default_storage)


def _move(apps, source, target):
    StoryDocument = apps.get_model("memory", "StoryDocument")
    for document in StoryDocument.objects.exclude(file="").iterator():
        name = document.file.name
        if not source.exists(name):
            continue
        with source.open(name, "rb") as original:
            stored = target.save(name, original)
        StoryDocument.objects.filter(pk=document.pk).update(file=stored)
        source.delete(name)


class Migration(migrations.Migration):
    dependencies = [("memory", "0006_pair_name_keys")]

    operations = [
        migrations.AlterField(
            model_name="storydocument",
            name="file",
            field=models.FileField(
                storage=sovet.core.private_files.private_storage,
                upload_to=sovet.core.private_files.RandomName("memory/private"),
                verbose_name="document",
            ),
        ),
        migrations.RunPython(to_private, to_media),
    ]
