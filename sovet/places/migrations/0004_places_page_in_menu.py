"""The memorial places' page shows in the main menu, under the memory archive (issue 15)."""

from django.db import migrations


def show_in_menus(apps, schema_editor):
    apps.get_model("places", "PlacesIndexPage").objects.update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0003_report_phone_call_back"),
    ]

    operations = [
        migrations.RunPython(show_in_menus, migrations.RunPython.noop),
    ]
