"""The broadcasting benches again at another data volume (issue 16: "how cost
grows"): the busy year of bench/broadcast_data.py generated with `scale` 0.5
or 2 — the same station, as many airings a day, over half or twice the days
with half or twice the advertisers — into a database of its own beside the
bench database (`bench_x2.sqlite3` next to the SQLite file, or a PostgreSQL
database `<name>_x2`), generated once and reused by every bench that asks for
it, then measured by the bench's own code in a child process.

So a figure `<name>_x0_5` / `<name>_x2` is `<name>` measured the same way on
half / twice the stored airings: the day page of the busiest day shows as many
airings at every volume (its cost must not grow), the year report's 365 days
centred on today hold half the airings at 0.5 and the same at 2 as at 1, among
twice as many stored (its cost grows at most as the airings it covers)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = (0.5, 2.0)
CHILD_TIMEOUT = 1200


def suffix(scale: float) -> str:
    """0.5 -> "_x0_5", 2.0 -> "_x2"."""
    return "_x" + f"{scale:g}".replace(".", "_")


def scaled_url(url: str, scale: float) -> str:
    """The database of that volume beside the bench database `url`."""
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        return f"sqlite:///{path.with_name(path.stem + suffix(scale) + path.suffix)}"
    head, _slash, tail = url.rpartition("/")
    name, mark, query = tail.partition("?")
    return f"{head}/{name}{suffix(scale)}{mark}{query}"


def _ensure_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    head, _slash, tail = url.rpartition("/")
    name, mark, query = tail.partition("?")
    with psycopg.connect(f"{head}/postgres{mark}{query}", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def year_around(summary: dict) -> tuple[dt.date, dt.date]:
    """The 365 days centred on the middle of the generated span (today: the
    bench year runs from 182 days before to 182 days after)."""
    middle = summary["first_day"] + (summary["last_day"] - summary["first_day"]) / 2
    start = middle - dt.timedelta(days=182)
    return start, start + dt.timedelta(days=364)


def prepare(scale: float) -> dict:
    """In the child: the database of this volume migrated and generated (once);
    its summary."""
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        _ensure_postgres_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    from bench import broadcast_data

    call_command("migrate", verbosity=0, interactive=False)
    return broadcast_data.generate(scale)


def generation(summary: dict) -> dict[str, float]:
    """`broadcast_data_s` and its CPU time when this child generated the data."""
    if "seconds" not in summary:
        return {}
    return {"broadcast_data_s": summary["seconds"], "broadcast_data_cpu_s": summary["cpu_seconds"]}


def measure(module: str) -> dict[str, float | int | str]:
    """Run `python -m <module> --scaled <scale>` for each volume; its figures,
    each name suffixed with the volume. The generation's time is reported once
    (`broadcast_data_s_x2`…) by the child that generated."""
    figures: dict[str, float | int | str] = {}
    for scale in SCALES:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": scaled_url(os.environ["DATABASE_URL"], scale),
        }
        done = subprocess.run(
            [sys.executable, "-m", module, "--scaled", str(scale)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-4000:])
            raise RuntimeError(f"{module} --scaled {scale} failed ({done.returncode})")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        figures.update({f"{name}{suffix(scale)}": value for name, value in result.items()})
    return figures
