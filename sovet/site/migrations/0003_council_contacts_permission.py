"""The roles that manage the public site may change the Council's contacts (granted by accounts'
0002 until accounts no longer knew about site; on a database migrated then, this changes nothing)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# accounts.roles.Role's values, as the roles migration made them.
SITE_MANAGERS = ["Council secretaries", "Administrators"]


def grant(apps, schema_editor):
    # Permission rows are normally made after all migrations; make the ones we need now.
    create_permissions(global_apps.get_app_config("site"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="site", codename="change_councilcontacts"
    )
    for group in Group.objects.filter(name__in=SITE_MANAGERS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="site", codename="change_councilcontacts"
    )
    for group in Group.objects.filter(name__in=SITE_MANAGERS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0002_document_model_moved_to_core"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
