"""The contact form's fields become translatable (wagtail-localize): each gets a locale and a
translation key, nullable first; 0006 fills them, 0007 makes them required and unique."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0004_council_contacts_hours_map_centres"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]
