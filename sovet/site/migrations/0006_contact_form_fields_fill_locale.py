"""Existing contact form fields take their page's locale; the same field (same key) of the
pages that translate one another shares one translation key."""

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    ContactFormField = apps.get_model("site", "ContactFormField")
    keys = {}
    taken = set()
    fields = ContactFormField.objects.select_related("page").order_by("page_id", "sort_order", "pk")
    for field in fields:
        key = (field.page.translation_key, field.clean_name)
        translation_key = keys.get(key)
        if translation_key is None or (translation_key, field.page.locale_id) in taken:
            translation_key = uuid.uuid4()
            keys.setdefault(key, translation_key)
        taken.add((translation_key, field.page.locale_id))
        field.locale_id = field.page.locale_id
        field.translation_key = translation_key
        field.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("site", "0005_contact_form_fields_translatable")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
