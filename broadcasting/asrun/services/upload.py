"""Register an as-run file: its size checked before it is read, its SHA-256
computed while it is copied into the private folder (ASRUN_PRIVATE_DIR, never
served), the import created pending and its job queued once the transaction
commits. The same file twice returns the first import, changing nothing."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core.queue import enqueue_on_commit

from ...models import AsRunImport
from ..readers import max_bytes_allowed, too_large
from ..rows import AsRunFileError

CHUNK_BYTES = 1024 * 1024


def private_dir() -> Path:
    """Where the raw files are kept (outside MEDIA_ROOT)."""
    return Path(settings.ASRUN_PRIVATE_DIR)


def raw_path(asrun_import: AsRunImport) -> Path:
    return private_dir() / asrun_import.file_path


def _chunks(file):
    if hasattr(file, "chunks"):
        yield from file.chunks(CHUNK_BYTES)
        return
    while True:
        chunk = file.read(CHUNK_BYTES)
        if not chunk:
            return
        yield chunk


def _remove(path: Path | str | None) -> None:
    if path:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _copy(file, limit: int) -> tuple[str, str, int]:
    """Copy `file` into a temporary file of the private folder: (its path,
    SHA-256, size). Over `limit` or empty: refused, nothing left behind."""
    folder = private_dir()
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False)  # noqa: SIM115
    try:
        with handle:
            for chunk in _chunks(file):
                size += len(chunk)
                if size > limit:
                    raise too_large(size, limit)
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise AsRunFileError(_("The as-run file is empty."))
    except BaseException:
        _remove(handle.name)
        raise
    return handle.name, digest.hexdigest(), size


def _final_name(digest: str, filename: str) -> str:
    safe = get_valid_filename(os.path.basename(filename))[-80:] or "asrun"
    return f"{timezone.localdate():%Y/%m}/{digest[:16]}-{safe}"


@transaction.atomic
def register_upload(
    *, file, filename: str = "", user=None, source=None
) -> tuple[AsRunImport, bool]:
    """(the import, True) for a new file; (the existing import, False) for a
    file already imported. Raises AsRunFileError (nothing stored) when the
    file is too large or empty."""
    filename = os.path.basename(str(filename or getattr(file, "name", "") or "")) or "asrun"
    limit = max_bytes_allowed()
    declared = getattr(file, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise too_large(declared, limit)
    temporary, digest, size = _copy(file, limit)
    existing = AsRunImport.objects.filter(sha256=digest).first()
    if existing is not None:
        _remove(temporary)
        return existing, False
    name = _final_name(digest, filename)
    final = private_dir() / name
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, final)
    except BaseException:
        _remove(temporary)
        raise
    try:
        with transaction.atomic():
            created = AsRunImport.objects.create(
                source=source,
                filename=filename[:255],
                file_path=name,
                sha256=digest,
                size=size,
                uploaded_by=user,
                heartbeat_at=timezone.now(),
            )
    except IntegrityError:
        # The same file registered meanwhile by another upload.
        _remove(final)
        existing = AsRunImport.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _remove(final)
        raise
    enqueue_on_commit(
        "broadcasting.asrun.tasks.run_asrun_import",
        created.pk,
        task_name=f"asrun-import-{created.pk}-{created.attempts}",
    )
    return created, True
