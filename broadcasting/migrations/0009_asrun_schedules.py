"""The as-run import's periodic jobs (django-q2): the sweeper of imports left
stranded (every 5 minutes) and the scan of the inbox folder (every minute; it
does nothing while ASRUN_INBOX_DIR is unset)."""

from django.db import migrations

SCHEDULES = {
    "Imports as-run interrompus": ("broadcasting.asrun.tasks.sweep_stranded_imports", 5),
    "Dossier d'arrivée des as-run": ("broadcasting.asrun.tasks.scan_inbox", 1),
}


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, (func, minutes) in SCHEDULES.items():
        Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": "I",  # Schedule.MINUTES
                "minutes": minutes,
                "repeats": -1,
            },
        )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasting", "0008_asrun_import"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
