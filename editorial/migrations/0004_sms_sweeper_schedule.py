"""The SMS outbox sweeper (django-q2, every 5 minutes): enqueues again the text
messages left queued or "sending" by a broker outage or a dead worker, and tries
the failed ones again within their retry window (editorial/sms.py)."""

from django.db import migrations

NAME = "Relance des SMS en attente"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "editorial.tasks.sweep_sms",
            "schedule_type": "I",
            "minutes": 5,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_sms_claim"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
