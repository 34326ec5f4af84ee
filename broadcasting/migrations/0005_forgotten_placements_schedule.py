"""Place the approved campaigns whose placement never ran (its enqueue failed
while the broker was down), every 10 minutes (django-q2 job)."""

from django.db import migrations

NAME = "Placement des campagnes approuvées en attente"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "broadcasting.tasks.place_forgotten_campaigns",
            "schedule_type": "I",  # Schedule.MINUTES
            "minutes": 10,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasting", "0004_permissions"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
