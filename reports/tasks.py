"""django-q2 jobs of the reports app (thin wrappers around reports/jobs.py)."""

from __future__ import annotations


def run_export_job(job_id: int) -> str:
    """Write a long export's file (queued by `jobs.start`)."""
    from . import jobs

    return jobs.run(job_id)


def remove_expired_exports() -> int:
    """Hourly: delete the export files kept past their 24 hours, and their jobs."""
    from . import jobs

    return jobs.remove_expired()
