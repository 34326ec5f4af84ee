import os
import time

from campaigns import chunked_upload
from campaigns.tasks import cleanup_stale_uploads


def test_cleanup_stale_uploads_removes_old_uploads(settings, tmp_path):
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path)
    old = chunked_upload.start_upload(owner_id="1:1", filename="a.mp4", total_size=10, max_size=10)
    fresh = chunked_upload.start_upload(
        owner_id="1:1", filename="b.mp4", total_size=10, max_size=10
    )
    past = time.time() - 3 * 24 * 3600
    for item in (tmp_path / old.upload_id).iterdir():
        os.utime(item, (past, past))
    os.utime(tmp_path / old.upload_id, (past, past))
    assert cleanup_stale_uploads() == 1
    assert not (tmp_path / old.upload_id).exists()
    assert (tmp_path / fresh.upload_id).exists()
