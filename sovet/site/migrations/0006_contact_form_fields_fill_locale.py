"""Existing contact form fields take their page's locale; the same field (same key) of the
pages that translate one another shares one translation key."""

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    ContactFormField = apps.get_model("site", "ContactFormField")
    keys = {}
    taken = set()
    # Values, not objects: the historical page model cannot be instantiated (FormMixin).
    fields = ContactFormField.objects.order_by("page_id", "sort_order", "pk").values_list(
        "pk", "clean_name", "page__locale_id", "page__translation_key"
    )
    for pk, clean_name, locale_id, page_key in fields:
        translation_key = keys.get((page_key, clean_name))
        if translation_key is None or (translation_key, locale_id) in taken:
            translation_key = uuid.uuid4()
            keys.setdefault((page_key, clean_name), translation_key)
        taken.add((translation_key, locale_id))
        ContactFormField.objects.filter(pk=pk).update(
            locale_id=locale_id, translation_key=translation_key
        )


class Migration(migrations.Migration):
    dependencies = [("site", "0005_contact_form_fields_translatable")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
