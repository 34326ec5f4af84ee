"""Large spots arrive in pieces, survive a dropped connection, and are never held
whole in memory; one advertiser never reaches another's upload."""

from __future__ import annotations

import hashlib
import io
import os
import time
import tracemalloc
from datetime import timedelta

import pytest

from campaigns import chunked_upload as cu
from campaigns.exceptions import CampaignError
from campaigns.tests import media_fixtures as mf

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    return tmp_path / "uploads"


@pytest.fixture
def video(tmp_path):
    return mf.make_video(tmp_path / "spot.mp4", seconds=2)


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(MB), b""):
            digest.update(block)
    return digest.hexdigest()


def test_a_file_sent_in_three_chunks_arrives_identical(video):
    data = video.read_bytes()
    session = cu.start_upload(
        owner_id=7, filename="../../etc/spot.mp4", total_size=len(data), max_size=10 * MB
    )
    assert session.received == 0
    assert "/" not in session.filename

    third = len(data) // 3
    pieces = [data[:third], data[third : 2 * third], data[2 * third :]]
    offset = 0
    for piece in pieces:
        offset = cu.append_chunk(
            upload_id=session.upload_id, owner_id=7, offset=offset, data=io.BytesIO(piece)
        )
        assert cu.status(session.upload_id, 7) == offset

    path = cu.finish(upload_id=session.upload_id, owner_id=7)
    assert sha256(path) == sha256(video)
    assert cu.finish(upload_id=session.upload_id, owner_id=7) == path
    assert cu.get_upload(session.upload_id, 7).complete

    cu.abort(upload_id=session.upload_id, owner_id=7)
    assert not path.exists()
    with pytest.raises(cu.UploadNotFound):
        cu.status(session.upload_id, 7)


def test_resuming_after_a_dropped_chunk_uses_the_offset_the_server_gives(video):
    data = video.read_bytes()
    session = cu.start_upload(
        owner_id=1, filename="spot.mp4", total_size=len(data), max_size=len(data)
    )
    first = cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=data[:1000])

    def dropped():
        yield data[1000:1500]
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=first, data=dropped())

    # The client believes the second chunk is lost and sends it again from 1000.
    with pytest.raises(cu.ChunkError) as refused:
        cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=first, data=data[1000:])
    assert refused.value.code == "wrong_offset"
    assert refused.value.offset == 1500
    assert isinstance(refused.value, CampaignError)
    assert "1500" in refused.value.message

    resume = cu.status(session.upload_id, 1)
    cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=resume, data=[data[resume:]])
    assert sha256(cu.finish(upload_id=session.upload_id, owner_id=1)) == sha256(video)


def test_finish_refuses_an_incomplete_upload():
    session = cu.start_upload(owner_id=1, filename="a.mp4", total_size=10, max_size=100)
    cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=b"12345")

    with pytest.raises(cu.ChunkError) as refused:
        cu.finish(upload_id=session.upload_id, owner_id=1)
    assert refused.value.code == "incomplete"
    assert refused.value.offset == 5


def test_a_file_over_the_limit_is_refused_before_anything_is_written(upload_dir):
    with pytest.raises(cu.ChunkError) as refused:
        cu.start_upload(owner_id=1, filename="big.mp4", total_size=101, max_size=100)
    assert refused.value.code == "too_large"
    assert list(upload_dir.iterdir()) == []

    with pytest.raises(cu.ChunkError):
        cu.start_upload(owner_id=1, filename="empty.mp4", total_size=0, max_size=100)
    assert list(upload_dir.iterdir()) == []


def test_sending_more_than_announced_cancels_the_upload_and_leaves_nothing(upload_dir):
    session = cu.start_upload(owner_id=1, filename="a.mp4", total_size=10, max_size=100)
    cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=b"123456")

    with pytest.raises(cu.ChunkError) as refused:
        cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=6, data=b"7890AB")
    assert refused.value.code == "too_large"
    assert list(upload_dir.iterdir()) == []


def test_a_finished_upload_takes_no_more_chunks():
    session = cu.start_upload(owner_id=1, filename="a.mp4", total_size=3, max_size=3)
    cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=b"abc")
    cu.finish(upload_id=session.upload_id, owner_id=1)

    with pytest.raises(cu.ChunkError) as refused:
        cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=3, data=b"d")
    assert refused.value.code == "complete"


def test_another_owner_cannot_see_or_touch_an_upload():
    session = cu.start_upload(owner_id=1, filename="a.mp4", total_size=6, max_size=10)
    upload_id = session.upload_id

    with pytest.raises(cu.UploadNotFound):
        cu.append_chunk(upload_id=upload_id, owner_id=2, offset=0, data=b"evil")
    with pytest.raises(cu.UploadNotFound):
        cu.status(upload_id, 2)
    with pytest.raises(cu.UploadNotFound):
        cu.finish(upload_id=upload_id, owner_id=2)
    with pytest.raises(cu.UploadNotFound):
        cu.abort(upload_id=upload_id, owner_id=2)
    assert cu.status(upload_id, 1) == 0


@pytest.mark.parametrize(
    "bad_id", ["../../etc", "..", "", "A" * 32, "0" * 31, "0" * 32 + "/x", None, 12]
)
def test_malformed_ids_are_simply_not_found(bad_id):
    with pytest.raises(cu.UploadNotFound):
        cu.status(bad_id, 1)


def test_ids_are_random_and_unguessable():
    first = cu.start_upload(owner_id=1, filename="a", total_size=1, max_size=1)
    second = cu.start_upload(owner_id=1, filename="a", total_size=1, max_size=1)
    assert first.upload_id != second.upload_id
    assert len(first.upload_id) == 32


def test_a_chunk_while_another_is_being_written_is_refused():
    session = cu.start_upload(owner_id=1, filename="a", total_size=4, max_size=4)
    directory = session.path.parent
    with cu._locked(directory), pytest.raises(cu.ChunkError) as refused:
        cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=b"ab")
    assert refused.value.code == "busy"
    assert cu.status(session.upload_id, 1) == 0


def test_cleanup_removes_only_stale_uploads(upload_dir):
    stale = cu.start_upload(owner_id=1, filename="old", total_size=5, max_size=5)
    cu.append_chunk(upload_id=stale.upload_id, owner_id=1, offset=0, data=b"ab")
    fresh = cu.start_upload(owner_id=1, filename="new", total_size=5, max_size=5)
    unrelated = upload_dir / "keep-me"
    unrelated.mkdir()

    old = time.time() - 3 * 24 * 3600
    stale_dir = upload_dir / stale.upload_id
    for path in [stale_dir, *stale_dir.iterdir()]:
        os.utime(path, (old, old))

    assert cu.cleanup_stale(timedelta(hours=24)) == 1
    assert not stale_dir.exists()
    assert cu.status(fresh.upload_id, 1) == 0
    assert unrelated.exists()


def test_a_50_mb_stream_is_written_without_being_held_in_memory():
    size = 50 * MB
    session = cu.start_upload(owner_id=1, filename="big.mov", total_size=size, max_size=size)
    block = b"\x00" * MB

    def stream():
        for _ in range(50):
            yield bytearray(block)  # a fresh 1 MB block each time, as a socket gives

    tracemalloc.start()
    try:
        received = cu.append_chunk(upload_id=session.upload_id, owner_id=1, offset=0, data=stream())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert received == size
    assert peak < 10 * MB
    assert cu.finish(upload_id=session.upload_id, owner_id=1).stat().st_size == size
