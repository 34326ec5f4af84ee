"""The worker's bounded stop: a busy task cannot hold SIGTERM off for minutes."""

import subprocess
import sys
import time

import pytest

from core.management.commands import qcluster

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return ""


def _running(pid):
    """Alive and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return False
    return text[text.rfind(")") + 2] != "Z"


def _wait_for_sleepers(pid, count):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sleepers = [child for child in qcluster.descendants(pid) if _comm(child) == "sleep"]
        if len(sleepers) >= count:
            return sleepers
        time.sleep(0.05)
    raise AssertionError("the process tree did not start")


def test_descendants_reads_a_fake_proc(tmp_path):
    for pid, ppid, comm in [(10, 1, "qcluster"), (11, 10, "a (b) c"), (12, 11, "w"), (13, 2, "x")]:
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(f"{pid} ({comm}) S {ppid} 0 0\n")
    assert qcluster.descendants(10, proc=tmp_path) == [11, 12]
    assert qcluster.descendants(13, proc=tmp_path) == []


def test_kill_tree_interrupts_every_busy_descendant():
    parent = subprocess.Popen(
        ["/bin/bash", "-c", "sleep 600 & bash -c 'sleep 600; true' & wait"],
        stdout=subprocess.DEVNULL,
    )
    try:
        sleepers = _wait_for_sleepers(parent.pid, 2)
        assert qcluster.kill_tree(parent.pid) >= 3
        parent.wait(timeout=30)  # ends (killed, or done once its children were)
        deadline = time.monotonic() + 30
        while any(_running(pid) for pid in sleepers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_running(pid) for pid in sleepers)
    finally:
        parent.kill()
        parent.wait()


def test_the_project_command_replaces_django_q2s():
    from django.core.management import get_commands

    assert get_commands()["qcluster"] == "core"


def test_the_worker_leaves_the_web_connection_pool_alone(monkeypatch):
    from django.db import connections

    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    monkeypatch.setitem(options, "pool", {"max_size": 4})
    closed = []
    monkeypatch.setattr(
        type(connections["default"]), "close_pool", lambda self: closed.append(1), raising=False
    )
    qcluster.without_connection_pools()
    assert "pool" not in options
    assert closed == [1]
