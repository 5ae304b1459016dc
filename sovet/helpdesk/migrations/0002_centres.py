from django.db import migrations

# The fund's two centres and the regions each serves (the form suggests the centre from them).
CENTRES = [
    # code, letter, ru, ky, en, regions
    (
        "bishkek",
        "Б",
        "Центр правовой помощи в Бишкеке",
        "Бишкектеги укуктук жардам борбору",
        "Legal aid centre in Bishkek",
        ["bishkek", "chui", "issyk-kul", "naryn", "talas"],
    ),
    (
        "osh",
        "О",
        "Центр правовой помощи в Оше",
        "Оштогу укуктук жардам борбору",
        "Legal aid centre in Osh",
        ["osh-city", "osh", "jalal-abad", "batken"],
    ),
]


def load_centres(apps, schema_editor):
    Centre = apps.get_model("helpdesk", "Centre")
    Region = apps.get_model("core", "Region")
    for order, (code, letter, ru, ky, en, regions) in enumerate(CENTRES):
        centre, _created = Centre.objects.update_or_create(
            code=code,
            defaults={"letter": letter, "name_ru": ru, "name_ky": ky, "name_en": en, "sort_order": order},
        )
        centre.regions.set(Region.objects.filter(code__in=regions))


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial"), ("core", "0001_initial")]

    operations = [migrations.RunPython(load_centres, migrations.RunPython.noop)]
