"""The daily billing jobs (django-q2): overdue reminders (once per step, see
billing.tasks.send_overdue_reminders) and the credit notes proposed for missed
airings not made good (billing.tasks.propose_missed_credits_task)."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

SCHEDULES = {
    "Relances des factures en retard": "billing.tasks.send_overdue_reminders",
    "Avoirs proposés pour les diffusions manquées": "billing.tasks.propose_missed_credits_task",
}


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    # Every morning at 7:00 (local time), from tomorrow.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    first_run = dt.datetime.combine(tomorrow, dt.time(7, 0), tzinfo=timezone.get_current_timezone())
    for name, func in SCHEDULES.items():
        Schedule.objects.get_or_create(
            name=name,
            defaults={"func": func, "schedule_type": "D", "repeats": -1, "next_run": first_run},
        )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_roles"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
