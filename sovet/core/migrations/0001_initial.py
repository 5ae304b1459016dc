import django.db.models.deletion
import modelsearch.index
import taggit.managers
import wagtail.models.media
from django.conf import settings
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
    dependencies = [
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

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
        # The site's document model moved here from the site app, keeping its table. A database
        # made before the move has this migration applied and the table made by site's 0001 (so
        # this does not run there; site's 0002 hands its content type over); a new one makes the
        # table here.
        migrations.CreateModel(
            name='LibraryDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('file', models.FileField(upload_to='documents', verbose_name='file')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                ('file_hash', models.CharField(blank=True, editable=False, max_length=40)),
                ('category', models.CharField(choices=[('charter', 'Charters'), ('resolution', 'Resolutions'), ('decision', 'Congress and conference decisions'), ('report', 'Reports'), ('other', 'Other documents')], default='other', max_length=20, verbose_name='category')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='date of the document')),
                ('language', models.CharField(choices=[('ru', 'Русский'), ('ky', 'Кыргызча'), ('en', 'English')], default='ru', max_length=8, verbose_name='language of the document')),
                ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'db_table': 'site_librarydocument',
                'abstract': False,
                'indexes': [models.Index(fields=['category', '-published_on'], name='site_librar_categor_b28c27_idx')],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
