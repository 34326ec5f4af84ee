"""The inbox folder (ASRUN_INBOX_DIR): the playout automation drops its as-run
logs there; each scan registers every file that has stopped changing (as if
uploaded by nobody: `uploaded_by` empty), then moves it into `traites/`
(registered, or already imported) or `refuses/` (refused: too large, empty).
A file modified less than SETTLE_SECONDS ago, or whose size changes while it
is read, is left for the next scan."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ..rows import AsRunFileError
from .upload import raw_path, register_upload

logger = logging.getLogger(__name__)

SETTLE_SECONDS = 30
DONE_DIR = "traites"
REFUSED_DIR = "refuses"


def _move(path: Path, folder: str) -> Path:
    target_dir = path.parent / folder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    counter = 1
    while target.exists():
        target = target_dir / f"{path.stem}-{counter}{path.suffix}"
        counter += 1
    os.replace(path, target)
    return target


def _settled(path: Path, stat: os.stat_result) -> bool:
    return abs(time.time() - stat.st_mtime) >= SETTLE_SECONDS


class _StillWritten(Exception):
    pass


@transaction.atomic
def _register(entry: Path, before: os.stat_result):
    """register_upload, undone (its copy removed) when the file changed meanwhile."""
    with open(entry, "rb") as handle:
        asrun_import, created = register_upload(file=handle, filename=entry.name, user=None)
        after = os.fstat(handle.fileno())
    if after.st_size != before.st_size or after.st_mtime != before.st_mtime:
        if created:
            raw_path(asrun_import).unlink(missing_ok=True)
        raise _StillWritten
    return asrun_import, created


def scan_inbox() -> dict[str, int]:
    """Register the inbox's settled files; counts per outcome."""
    counts = {"registered": 0, "duplicates": 0, "refused": 0, "waiting": 0}
    folder = getattr(settings, "ASRUN_INBOX_DIR", None)
    if not folder or not os.path.isdir(folder):
        return counts
    for entry in sorted(Path(folder).iterdir()):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        before = entry.stat()
        if not _settled(entry, before):
            counts["waiting"] += 1
            continue
        try:
            asrun_import, created = _register(entry, before)
        except _StillWritten:
            counts["waiting"] += 1
            continue
        except AsRunFileError as exc:
            logger.info("As-run file %s refused: %s", entry.name, exc.message)
            _move(entry, REFUSED_DIR)
            counts["refused"] += 1
            continue
        except OSError:
            logger.warning("Could not read the as-run file %s", entry, exc_info=True)
            continue
        _move(entry, DONE_DIR)
        counts["registered" if created else "duplicates"] += 1
    return counts
