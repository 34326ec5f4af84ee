"""`make run` (scripts/run_dev.sh): Ctrl-C stops the web server and the worker with
every process they started; none is left behind holding the port."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "run_dev.sh"

# Stands in for `python manage.py qcluster|runserver`: like runserver's autoreloader,
# it starts a child and exits on SIGTERM/SIGINT without stopping that child.
FAKE_PYTHON = """#!/bin/bash
sleep 600 &
echo $! >> "$PIDFILE"
trap 'exit 0' TERM INT
wait
"""


def _running(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rfind(")") + 2] != "Z"


def _wait(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_stops_both_servers_and_their_children(tmp_path):
    fake = tmp_path / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    pids = tmp_path / "pids"
    pids.touch()
    env = dict(os.environ, PIDFILE=str(pids))
    script = subprocess.Popen(
        ["/bin/bash", str(SCRIPT), str(fake), "127.0.0.1", "0"],
        env=env,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )
    children: list[int] = []
    try:
        assert _wait(lambda: len(pids.read_text().split()) == 2), "servers did not start"
        children = [int(pid) for pid in pids.read_text().split()]
        os.killpg(script.pid, signal.SIGINT)  # what Ctrl-C sends to the foreground group
        script.wait(timeout=60)
        assert _wait(lambda: not any(_running(pid) for pid in children))
    finally:
        for pid in children:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
        if script.poll() is None:
            script.kill()
