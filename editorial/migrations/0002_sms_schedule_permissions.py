"""The crew's text messages (SmsMessage: delivery state, attempts, last error),
the hourly django-q2 job reminding the crew who have not confirmed a mission,
and the rights of the "Responsable rédaction" and "Administrateur commercial"
groups on the desk's models (the desk's screens follow the role; these keep
Django's own permission checks consistent with it)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SCHEDULE_NAME = "Relance des équipes (missions non confirmées)"
GROUPS = ["Responsable rédaction", "Administrateur commercial"]
PERMISSIONS = [
    (action, model)
    for model in (
        "coveragerequest",
        "coverageattachment",
        "coveragedelivery",
        "crewmember",
        "vehicle",
        "mission",
        "assignment",
    )
    for action in ("add", "change", "view")
] + [
    ("view", "coverageevent"),
    ("view", "smsmessage"),
    ("delete", "crewmember"),
    ("delete", "vehicle"),
]


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "editorial.tasks.remind_unconfirmed",
            "schedule_type": "H",
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for action, model in PERMISSIONS]
    return Permission.objects.filter(content_type__app_label="editorial", codename__in=codenames)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("accounts", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="SmsMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("to", models.CharField(max_length=30, verbose_name="to")),
                ("body", models.TextField(verbose_name="text")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("sent", "sent"),
                            ("retrying", "retrying"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
                (
                    "gateway_reference",
                    models.CharField(blank=True, max_length=120, verbose_name="gateway reference"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                (
                    "next_attempt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="next attempt at"),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="sms_messages",
                        to="editorial.assignment",
                        verbose_name="assignment",
                    ),
                ),
            ],
            options={
                "verbose_name": "text message",
                "verbose_name_plural": "text messages",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(grant, revoke),
    ]
