"""The progress reports' attachments now live in the private storage (0003): the links to
Wagtail's library go, and the new fields take their names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("conferences", "0003_private_report_attachments")]

    operations = [
        migrations.RemoveField(model_name="progressreport", name="photo"),
        migrations.RemoveField(model_name="progressreport", name="document"),
        migrations.RenameField(model_name="progressreport", old_name="photo_file", new_name="photo"),
        migrations.RenameField(
            model_name="progressreport", old_name="document_file", new_name="document"
        ),
    ]
