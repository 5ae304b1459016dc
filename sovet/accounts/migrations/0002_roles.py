"""Create the staff roles of DESIGN.md as groups, with what each may do in the admin.

Later apps grant their own model permissions to these groups in their own migrations (the site's
council contacts: site's 0003, since accounts lies below site).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = [
    "Organization editors",
    "Council secretaries",
    "Memory moderators",
    "Help-desk staff",
    "Administrators",
]
# Roles that manage the public site's pages, images and documents.
SITE_MANAGERS = ["Council secretaries", "Administrators"]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
}
MODEL_PERMISSIONS = {
    "wagtail_localize": ["submit_translation"],
}


def create_roles(apps, schema_editor):
    # Permission rows are normally made after all migrations; make the ones we need now.
    for label in ["wagtailadmin", "wagtailcore", "wagtaildocs", "wagtailimages", "wagtail_localize"]:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        if name not in SITE_MANAGERS:
            continue
        for app_label, codenames in MODEL_PERMISSIONS.items():
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
        if root_page:
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
            ):
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection:
            for app_label, codenames in COLLECTION_PERMISSIONS.items():
                for permission in Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                ):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
