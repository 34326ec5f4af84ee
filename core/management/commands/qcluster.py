"""django-q2's `qcluster`, stopping within Q_STOP_GRACE seconds of SIGTERM/SIGINT.

django-q2 lets a running task finish before the cluster stops, which can take
minutes (a video check, a year export) and makes systemd, Docker or Ctrl-C wait.
Here a task still running when the grace period ends is interrupted; what it was
doing is picked up again by its app's sweeper (e-mails, SMS, exports) or
redelivered by the broker (docs/deployment.md). The worker's processes use plain
database connections, never the web processes' pool."""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

from django.conf import settings
from django.db import connections
from django_q.cluster import Cluster
from django_q.management.commands.qcluster import Command as QclusterCommand

logger = logging.getLogger(__name__)


def descendants(pid: int, proc: Path = Path("/proc")) -> list[int]:
    """Every process below `pid`, children first (read from /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = text[text.rfind(")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    pending = list(children.get(pid, []))
    while pending:
        child = pending.pop(0)
        found.append(child)
        pending.extend(children.get(child, []))
    return found


def kill_tree(pid: int) -> int:
    """SIGKILL `pid` and its descendants, deepest first; how many were signalled."""
    killed = 0
    for child in [*reversed(descendants(pid)), pid]:
        try:
            os.kill(child, signal.SIGKILL)
            killed += 1
        except ProcessLookupError:
            pass
    return killed


class BoundedStopCluster(Cluster):
    """A cluster whose stop, once asked for, waits at most `grace` seconds."""

    grace: float = 5.0

    def sig_handler(self, signum, frame):
        if self.sentinel is not None and self.sentinel.is_alive():
            timer = threading.Timer(self.grace, self._interrupt, args=(self.sentinel.pid,))
            timer.daemon = True
            timer.start()
        super().sig_handler(signum, frame)

    @staticmethod
    def _interrupt(sentinel_pid: int) -> None:
        killed = kill_tree(sentinel_pid)
        if killed:
            logger.warning("Stop grace period over: %s worker process(es) interrupted", killed)


def without_connection_pools() -> None:
    """Plain connections for the worker: a psycopg pool keeps threads that its
    forked worker processes would not have (the pool is for the web processes)."""
    for connection in connections.all():
        options = connection.settings_dict.get("OPTIONS") or {}
        if options.get("pool"):
            connection.close()
            connection.close_pool()
            options.pop("pool")


class Command(QclusterCommand):
    help = "Starts the django-q2 cluster; SIGTERM stops it within Q_STOP_GRACE seconds."

    def handle(self, *args, **options):
        settings.SECRET_KEY  # noqa: B018 - signing needs it, as in django-q2's command
        if options.get("cluster_name"):
            os.environ["Q_CLUSTER_NAME"] = options["cluster_name"]
        without_connection_pools()
        cluster = BoundedStopCluster()
        cluster.grace = float(getattr(settings, "Q_STOP_GRACE", 5))
        cluster.start()
        if options.get("run_once", False):
            cluster.stop()
