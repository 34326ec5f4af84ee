"""Every 15 minutes, remind the staff of the advertisers' messages waiting too
long (conversations.tasks.send_reminders)."""

from django.db import migrations

NAME = "Relances des messages sans réponse"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "conversations.tasks.send_reminders",
            "schedule_type": "I",
            "minutes": 15,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
