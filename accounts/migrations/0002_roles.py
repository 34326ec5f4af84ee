"""Create the four roles of the portal as Django groups, with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADVERTISER = "Annonceur"
ADMINISTRATOR = "Administrateur commercial"
BROADCASTER = "Diffuseur"
EDITORIAL = "Responsable rédaction"

ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "add_user"),
    ("accounts", "change_user"),
    ("accounts", "view_user"),
    ("accounts", "add_advertiser"),
    ("accounts", "change_advertiser"),
    ("accounts", "delete_advertiser"),
    ("accounts", "view_advertiser"),
    ("accounts", "add_businesssector"),
    ("accounts", "change_businesssector"),
    ("accounts", "view_businesssector"),
    ("home", "change_contactsettings"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("notifications", "view_outgoingemail"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITORIAL_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _perm(Permission, app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    # Wagtail's sample groups are replaced by the portal's four roles.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (ADVERTISER, ADMINISTRATOR, BROADCASTER, EDITORIAL)
    }

    admin = groups[ADMINISTRATOR]
    for app_label, codename in ADMIN_PERMISSIONS:
        perm = _perm(Permission, app_label, codename)
        if perm is not None:
            admin.permissions.add(perm)
    for app_label, codename in EDITORIAL_PERMISSIONS:
        perm = _perm(Permission, app_label, codename)
        if perm is not None:
            groups[EDITORIAL].permissions.add(perm)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            perm = _perm(Permission, app_label, codename)
            if perm is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=admin, collection=root_collection, permission=perm
                )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            perm = _perm(Permission, "wagtailcore", codename)
            if perm is not None:
                GroupPagePermission.objects.get_or_create(
                    group=admin, page=root_page, permission=perm
                )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[ADVERTISER, ADMINISTRATOR, BROADCASTER, EDITORIAL]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("home", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
