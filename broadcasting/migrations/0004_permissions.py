"""Give the "Administrateur commercial" group the rights of the "Diffusion" admin:
the scheduler's settings (Paramètres › Diffusion) and the running-order models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Administrateur commercial"

PERMISSIONS = [
    (action, model)
    for model in ("breakgridslot", "break", "airing", "unplaceditem", "broadcastsettings")
    for action in ("add", "change", "view")
] + [("view", "airingevent"), ("view", "broadcastcertificate"), ("delete", "breakgridslot")]


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for action, model in PERMISSIONS]
    return Permission.objects.filter(content_type__app_label="broadcasting", codename__in=codenames)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasting", "0003_broadcast_certificate"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
