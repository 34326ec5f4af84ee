"""The accountant role ("Comptable": billing only) and the billing permissions
of the commercial team (who alone change the station's billing settings)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Administrateur commercial"
ACCOUNTANT = "Comptable"
MODELS = ["invoice", "creditnote", "payment", "paymentallocation", "billingevent"]


def _perms(Permission, codenames):
    return list(
        Permission.objects.filter(content_type__app_label="billing", codename__in=codenames)
    )


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    accountant, _created = Group.objects.get_or_create(name=ACCOUNTANT)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        accountant.permissions.add(access)
    work = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
    accountant.permissions.add(*_perms(Permission, work))
    admin, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    admin.permissions.add(*_perms(Permission, [*work, "change_billingsettings"]))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ACCOUNTANT, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("accounts", "0005_advertiser_billing_terms"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
