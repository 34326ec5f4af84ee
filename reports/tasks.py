"""django-q2 jobs of the reports app (thin wrappers around reports/services.py)."""

from __future__ import annotations

from . import services


def run_export_job(job_id: int) -> str:
    """Write a long export's file (queued by `services.start`)."""
    return services.run(job_id)


def remove_expired_exports() -> int:
    """Hourly: delete the export files kept past their 24 hours, and their jobs."""
    return services.remove_expired()


def sweep_stalled_exports() -> dict[str, int]:
    """Every 5 minutes: fail the export jobs whose worker died, queue again
    those whose enqueue failed (reports/sweeper.py)."""
    from .sweeper import sweep_stalled

    return sweep_stalled()
