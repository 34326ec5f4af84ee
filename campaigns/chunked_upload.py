"""Resumable chunked uploads, kept on disk and never held whole in memory.

A client announces a file (`start_upload`), then sends it in pieces, each at the
offset the server has reached (`append_chunk`). After a dropped connection it asks
how much arrived (`status`) and resumes from there. When every byte is in,
`finish` returns the file's path; the caller checks it (`campaigns.media_checks`),
moves it into storage and calls `abort` to remove what is left.

Each upload is a private directory `<CHUNKED_UPLOAD_DIR>/<uuid4 hex>/` holding
`meta.json` (a few hundred bytes of state) and `data.part` (`data` once finished).
The bytes on disk are the truth: a chunk cut off half-way leaves what arrived and
the client resumes from the real size. Chunks are written in blocks of
`BLOCK_SIZE`, whatever form they come in (bytes, a file-like object such as the
request, or an iterator of bytes). A lock per upload refuses a second chunk sent
while one is still being written.

`CHUNKED_UPLOAD_DIR` (setting) defaults to `MEDIA_ROOT / "uploads-tmp"`; the web
server must not serve that folder (or point the setting outside MEDIA_ROOT).
`cleanup_stale()` removes uploads left untouched for a while (a scheduled task).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from campaigns.exceptions import CampaignError
from core.typography import file_size

BLOCK_SIZE = 1024 * 1024
META_NAME = "meta.json"
PART_NAME = "data.part"
DONE_NAME = "data"
LOCK_NAME = ".lock"
_ID_RE = re.compile(r"^[0-9a-f]{32}$")

RECEIVING = "receiving"
COMPLETE = "complete"


class ChunkedUploadError(CampaignError):
    """An upload request that cannot be honoured. `code` is stable for the client
    (JSON answers); `offset`, when set, is where the client must resume from."""

    def __init__(self, message, *, code: str, offset: int | None = None):
        super().__init__(message)
        self.code = code
        self.offset = offset


class UploadNotFound(ChunkedUploadError):
    """Unknown id, malformed id, or another owner's upload: all look the same."""

    def __init__(self):
        super().__init__(gettext("This upload does not exist or has expired."), code="not_found")


class ChunkError(ChunkedUploadError):
    """A chunk was refused; nothing of it was kept."""


@dataclass
class UploadSession:
    upload_id: str
    owner_id: str
    filename: str
    total_size: int
    max_size: int
    received: int
    state: str
    created_at: float
    updated_at: float

    @property
    def complete(self) -> bool:
        return self.state == COMPLETE

    @property
    def path(self) -> Path:
        """The data file (partial while receiving)."""
        return _upload_dir(self.upload_id) / (DONE_NAME if self.complete else PART_NAME)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("owner_id")
        return data


# ---------------------------------------------------------------------------
# Storage helpers
# ---------------------------------------------------------------------------


def upload_root() -> Path:
    configured = getattr(settings, "CHUNKED_UPLOAD_DIR", None)
    root = Path(configured) if configured else Path(settings.MEDIA_ROOT) / "uploads-tmp"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _upload_dir(upload_id: str) -> Path:
    if not isinstance(upload_id, str) or not _ID_RE.fullmatch(upload_id):
        raise UploadNotFound()
    return upload_root() / upload_id


def _write_meta(directory: Path, meta: dict[str, Any]) -> None:
    temporary = directory / f"{META_NAME}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(meta, handle)
    os.replace(temporary, directory / META_NAME)


def _read_meta(directory: Path) -> dict[str, Any]:
    try:
        with open(directory / META_NAME, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        raise UploadNotFound() from None


def _load(upload_id: str, owner_id: Any) -> tuple[Path, dict[str, Any]]:
    directory = _upload_dir(upload_id)
    meta = _read_meta(directory)
    if str(meta.get("owner_id")) != str(owner_id):
        raise UploadNotFound()
    return directory, meta


def _received(directory: Path, meta: dict[str, Any]) -> int:
    name = DONE_NAME if meta.get("state") == COMPLETE else PART_NAME
    try:
        return (directory / name).stat().st_size
    except FileNotFoundError:
        raise UploadNotFound() from None


def _session(directory: Path, meta: dict[str, Any]) -> UploadSession:
    return UploadSession(
        upload_id=meta["upload_id"],
        owner_id=str(meta["owner_id"]),
        filename=meta["filename"],
        total_size=int(meta["total_size"]),
        max_size=int(meta["max_size"]),
        received=_received(directory, meta),
        state=meta["state"],
        created_at=float(meta["created_at"]),
        updated_at=float(meta["updated_at"]),
    )


@contextlib.contextmanager
def _locked(directory: Path, received_hint: int | None = None) -> Iterator[None]:
    """An exclusive, non-blocking lock on one upload (several workers may serve
    the same client)."""
    try:
        handle = open(directory / LOCK_NAME, "a+b")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise UploadNotFound() from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ChunkError(
                gettext("Another part of this file is still being received. Try again."),
                code="busy",
                offset=received_hint,
            ) from None
        yield
    finally:
        handle.close()


def _blocks(data: Any) -> Iterator[bytes | memoryview]:
    """Whatever a chunk arrives as, in pieces of at most BLOCK_SIZE bytes."""
    if isinstance(data, bytes | bytearray | memoryview):
        view = memoryview(data)
        for start in range(0, len(view), BLOCK_SIZE):
            yield view[start : start + BLOCK_SIZE]
        return
    read = getattr(data, "read", None)
    if callable(read):
        while True:
            block = read(BLOCK_SIZE)
            if not block:
                return
            yield block
        return
    if isinstance(data, Iterable):
        for piece in data:
            view = memoryview(piece)
            for start in range(0, len(view), BLOCK_SIZE):
                yield view[start : start + BLOCK_SIZE]
        return
    raise TypeError("a chunk must be bytes, a file-like object or an iterable of bytes")


# ---------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------


def start_upload(*, owner_id: Any, filename: str, total_size: int, max_size: int) -> UploadSession:
    """Open an upload of `total_size` bytes. Refused (nothing created) when the
    size is not positive or over `max_size`."""
    if not isinstance(total_size, int) or total_size <= 0:
        raise ChunkError(gettext("The file is empty."), code="empty")
    if total_size > max_size:
        raise ChunkError(
            gettext("The file weighs %(size)s, more than the %(limit)s allowed.")
            % {"size": file_size(total_size), "limit": file_size(max_size)},
            code="too_large",
        )
    upload_id = uuid.uuid4().hex
    directory = upload_root() / upload_id
    directory.mkdir(mode=0o700)
    now = time.time()
    clean_name = get_valid_filename(os.path.basename(str(filename or "")))[:200] or "upload"
    meta = {
        "upload_id": upload_id,
        "owner_id": str(owner_id),
        "filename": clean_name,
        "total_size": total_size,
        "max_size": max_size,
        "state": RECEIVING,
        "created_at": now,
        "updated_at": now,
    }
    fd = os.open(directory / PART_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    _write_meta(directory, meta)
    return _session(directory, meta)


def get_upload(upload_id: str, owner_id: Any) -> UploadSession:
    directory, meta = _load(upload_id, owner_id)
    return _session(directory, meta)


def status(upload_id: str, owner_id: Any) -> int:
    """Bytes received so far: where the client resumes."""
    directory, meta = _load(upload_id, owner_id)
    return _received(directory, meta)


def append_chunk(*, upload_id: str, owner_id: Any, offset: int, data: Any) -> int:
    """Add `data` at `offset`, which must be the number of bytes received so far;
    returns the new number of bytes received. Going past the announced size aborts
    the whole upload (nothing is left on disk). A client cut off mid-chunk keeps
    what arrived and resumes from `status()`."""
    directory, meta = _load(upload_id, owner_id)
    if meta.get("state") == COMPLETE:
        raise ChunkError(
            gettext("This upload is already complete."),
            code="complete",
            offset=_received(directory, meta),
        )
    total = int(meta["total_size"])
    limit = min(total, int(meta["max_size"]))
    with _locked(directory):
        part = directory / PART_NAME
        received = _received(directory, meta)
        if offset != received:
            raise ChunkError(
                gettext("Resume the upload from byte %(offset)s.") % {"offset": received},
                code="wrong_offset",
                offset=received,
            )
        position = received
        overflow = False
        try:
            with open(part, "r+b") as handle:
                handle.seek(position)
                for block in _blocks(data):
                    if position + len(block) > limit:
                        overflow = True
                        break
                    handle.write(block)
                    position += len(block)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            if not overflow:
                meta["updated_at"] = time.time()
                with contextlib.suppress(OSError):
                    _write_meta(directory, meta)
        if overflow:
            shutil.rmtree(directory, ignore_errors=True)
            raise ChunkError(
                gettext(
                    "More data was sent than the %(size)s announced: the upload was "
                    "cancelled. Start again."
                )
                % {"size": file_size(total)},
                code="too_large",
            )
    return position


def finish(*, upload_id: str, owner_id: Any) -> Path:
    """The complete file, once every announced byte is in. Calling it again
    returns the same path."""
    directory, meta = _load(upload_id, owner_id)
    if meta.get("state") == COMPLETE:
        return directory / DONE_NAME
    with _locked(directory):
        received = _received(directory, meta)
        total = int(meta["total_size"])
        if received != total:
            raise ChunkError(
                gettext(
                    "The upload is incomplete: %(received)s of %(total)s bytes received. "
                    "Resume from byte %(received)s."
                )
                % {"received": received, "total": total},
                code="incomplete",
                offset=received,
            )
        os.replace(directory / PART_NAME, directory / DONE_NAME)
        meta["state"] = COMPLETE
        meta["updated_at"] = time.time()
        _write_meta(directory, meta)
    return directory / DONE_NAME


def abort(*, upload_id: str, owner_id: Any) -> None:
    """Remove an upload and its data (also once the caller has stored the file)."""
    directory, _meta = _load(upload_id, owner_id)
    shutil.rmtree(directory, ignore_errors=True)


def _last_activity(directory: Path) -> float:
    latest = directory.stat().st_mtime
    for entry in os.scandir(directory):
        with contextlib.suppress(OSError):
            latest = max(latest, entry.stat().st_mtime)
    return latest


def cleanup_stale(older_than: timedelta = timedelta(hours=24)) -> int:
    """Remove uploads untouched for `older_than` (finished ones included: their
    caller has had time to store them). Returns how many were removed. Only
    folders named like an upload id are considered."""
    root = upload_root()
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for entry in os.scandir(root):
        if not entry.is_dir(follow_symlinks=False) or not _ID_RE.fullmatch(entry.name):
            continue
        directory = Path(entry.path)
        try:
            if _last_activity(directory) >= limit:
                continue
        except FileNotFoundError:
            continue
        shutil.rmtree(directory, ignore_errors=True)
        removed += 1
    return removed
