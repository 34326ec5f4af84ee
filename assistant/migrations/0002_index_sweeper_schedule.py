"""The assistant's index rebuilt every hour (django-q2): a rebuild asked for by
a change whose job was lost (broker outage, dead worker) happens anyway, and
pages whose publication was scheduled are picked up."""

from django.db import migrations

NAME = "Reconstruction de l'index de l'assistant"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "assistant.tasks.rebuild_index",
            "schedule_type": "H",
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
