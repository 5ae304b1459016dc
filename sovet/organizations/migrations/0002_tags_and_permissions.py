"""The fixed list of activities, and what each role may do with organizations."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

TAGS = [
    # code, ru, ky, en
    ("youth", "Молодёжь", "Жаштар", "Youth"),
    ("women", "Женщины", "Аялдар", "Women"),
    ("memory", "Ветераны и память", "Ардагерлер жана эстутум", "Veterans and memory"),
    ("culture", "Культура", "Маданият", "Culture"),
    ("education", "Образование и русский язык", "Билим берүү жана орус тили", "Education and the Russian language"),
    ("business", "Бизнес", "Бизнес", "Business"),
    ("legal-aid", "Правовая помощь", "Укуктук жардам", "Legal aid"),
    ("sport", "Спорт", "Спорт", "Sport"),
    ("volunteers", "Волонтёры", "Волонтёрлор", "Volunteers"),
    ("media", "СМИ", "ЖМК", "Media"),
    ("social", "Социальная поддержка", "Социалдык колдоо", "Social support"),
]
MANAGERS = ["Council secretaries", "Administrators"]
MANAGER_PERMISSIONS = [
    "add_organization", "change_organization", "delete_organization", "view_organization",
    "change_membership",
    "add_councilterm", "change_councilterm", "delete_councilterm", "view_councilterm",
    "add_councilseat", "change_councilseat", "delete_councilseat", "view_councilseat",
]


def forwards(apps, schema_editor):
    Tag = apps.get_model("organizations", "OrganizationTag")
    for order, (code, ru, ky, en) in enumerate(TAGS):
        Tag.objects.update_or_create(
            code=code, defaults={"name_ru": ru, "name_ky": ky, "name_en": en, "sort_order": order}
        )
    create_permissions(global_apps.get_app_config("organizations"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="organizations", codename__in=MANAGER_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=MANAGERS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
