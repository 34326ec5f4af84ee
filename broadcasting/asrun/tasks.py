"""django-q2 jobs of the as-run import (thin wrappers around its services)."""

from __future__ import annotations


def run_asrun_import(import_id: int) -> str:
    """Read and apply an as-run file (queued by `services.upload.register_upload`)."""
    from .services.run import run_import

    asrun_import = run_import(import_id=import_id)
    return asrun_import.status if asrun_import is not None else "gone"


def sweep_stranded_imports() -> dict[str, int]:
    """Every 5 minutes: queue again the imports a dead worker or a failed enqueue left."""
    from .services.sweeper import sweep_stranded

    return sweep_stranded()


def scan_inbox() -> dict[str, int]:
    """Every minute: register the files dropped into ASRUN_INBOX_DIR."""
    from .services.inbox import scan_inbox as scan

    return scan()
