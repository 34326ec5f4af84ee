"""Schedule the sweep of the export jobs that stopped giving signs of life
(every 5 minutes, django-q2): reports.tasks.sweep_stalled_exports."""

from django.db import migrations

NAME = "Exports de rapports interrompus"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={
            "func": "reports.tasks.sweep_stalled_exports",
            "schedule_type": "I",
            "minutes": 5,
            "repeats": -1,
        },
    )


def date_the_jobs_under_way(apps, schema_editor):
    """Jobs queued or running before the heartbeat existed: their last sign of
    life is when they started (or were created), and they were handed over."""
    ExportJob = apps.get_model("reports", "ExportJob")
    for job in ExportJob.objects.filter(status__in=["queued", "running"], heartbeat_at=None):
        job.heartbeat_at = job.started_at or job.created_at
        job.enqueued_at = job.created_at
        job.save(update_fields=["heartbeat_at", "enqueued_at"])


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_export_heartbeat"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(date_the_jobs_under_way, migrations.RunPython.noop),
    ]
