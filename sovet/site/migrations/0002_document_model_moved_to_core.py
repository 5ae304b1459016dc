"""The document model moved from site to core, keeping its table (core's 0001 creates it on a new
database). On a database made before the move, the rows that point to the model through its
content type (tags, permissions, search index, references, log entries) follow it to core."""

from django.db import migrations


def hand_over(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="site", model="librarydocument").first()
    if old is None:
        return  # a new database: the model was born in core
    # Made by a post_migrate before this ran (``migrate core`` alone): nothing points to it yet
    # but the permissions made with it, which the old ones replace.
    ContentType.objects.filter(app_label="core", model="librarydocument").delete()
    old.app_label = "core"
    old.save(update_fields=["app_label"])


def hand_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="librarydocument").update(app_label="site")


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_initial"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(hand_over, hand_back)]
