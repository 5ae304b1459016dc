from django.db import migrations, models

REGIONS = [
    # code, ru, ky, en, is_city
    ("bishkek", "г. Бишкек", "Бишкек шаары", "Bishkek city", True),
    ("osh-city", "г. Ош", "Ош шаары", "Osh city", True),
    ("chui", "Чуйская область", "Чүй облусу", "Chüy Region", False),
    ("issyk-kul", "Иссык-Кульская область", "Ысык-Көл облусу", "Issyk-Kul Region", False),
    ("naryn", "Нарынская область", "Нарын облусу", "Naryn Region", False),
    ("talas", "Таласская область", "Талас облусу", "Talas Region", False),
    ("jalal-abad", "Джалал-Абадская область", "Жалал-Абад облусу", "Jalal-Abad Region", False),
    ("osh", "Ошская область", "Ош облусу", "Osh Region", False),
    ("batken", "Баткенская область", "Баткен облусу", "Batken Region", False),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for order, (code, ru, ky, en, is_city) in enumerate(REGIONS):
        Region.objects.update_or_create(
            code=code,
            defaults={"name_ru": ru, "name_ky": ky, "name_en": en, "is_city": is_city, "sort_order": order},
        )


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Region",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=32, unique=True, verbose_name="code")),
                ("name_ru", models.CharField(max_length=100, unique=True, verbose_name="name (Russian)")),
                ("name_ky", models.CharField(max_length=100, verbose_name="name (Kyrgyz)")),
                ("name_en", models.CharField(max_length=100, verbose_name="name (English)")),
                ("is_city", models.BooleanField(default=False, verbose_name="city of republican significance")),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
            ],
            options={"verbose_name": "region", "verbose_name_plural": "regions", "ordering": ["sort_order"]},
        ),
        migrations.RunPython(load_regions, migrations.RunPython.noop),
    ]
