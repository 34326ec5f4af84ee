"""50 broadcasters on the planning dashboard at once, against one daphne on PostgreSQL.

The issue's load test: 50 concurrent clients GET `/diffusion/?date=<busiest
day>` for LOAD_SECONDS against one daphne process (production settings, the
psycopg pool of DB_POOL_MAX_SIZE connections and the request cap of
bf1portal.concurrency), while a sampler counts the server's PostgreSQL
connections in pg_stat_activity every 50 ms. Figures:

- load_diffusion_50_errors: requests not answered 200 (or failed on the wire);
- load_diffusion_50_p95_ms / _p50_ms / _requests / _requests_per_s;
- db_connections_peak: most connections of the bench database seen at once
  (the sampler's own excluded), to compare with db_pool_max_size.

The database (BENCH_LOAD_DATABASE_URL, default a `bf1_bench_load` database on
127.0.0.1:5432) holds the busy year of bench/broadcast_data.py, generated once.
Without PostgreSQL the run records `load_diffusion_error`. Run alone with
`.venv/bin/python bench/load_diffusion.py` (merges into bench/results/latest.json)."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quote_api import HOST, free_port, percentile, stop  # noqa: E402

CLIENTS = 50
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
POOL_SIZE = int(os.environ.get("BENCH_LOAD_POOL", "10"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bf1_bench_load"
SETUP_TIMEOUT = 1800  # migrate + the busy year, once
START_TIMEOUT = 120
REQUEST_TIMEOUT = 300
SECRET = "bench-only-dummy-secret-key-for-the-load-test"

PREPARE = """
import json
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from bench import broadcast_data
summary = broadcast_data.generate()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
user = User.objects.get(email=broadcast_data.BROADCASTER_EMAIL)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "accounts.backends.EmailBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
fixture = {"day": summary["busiest_day"].isoformat(), "session": session.session_key}
print("BENCH-JSON " + json.dumps(fixture))
"""


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def server_env(url: str, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bf1portal.settings.production",
            "SECRET_KEY": SECRET,
            "DEBUG": "false",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": url,
            "DB_POOL_MAX_SIZE": str(POOL_SIZE),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    return env


def prepare(env: dict[str, str], log) -> dict:
    run = {"cwd": ROOT, "env": env, "check": True, "timeout": SETUP_TIMEOUT}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        stdout=log,
        stderr=subprocess.STDOUT,
        **run,
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE],
        capture_output=True,
        text=True,
        **run,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return json.loads(line.removeprefix("BENCH-JSON "))
    raise RuntimeError(f"no fixture printed: {done.stdout[-500:]} {done.stderr[-500:]}")


class ConnectionSampler(threading.Thread):
    """Counts the bench database's connections every 50 ms (its own excluded)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.database = urlsplit(url).path.lstrip("/")
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.done.is_set():
                count = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [self.database],
                ).fetchone()[0]
                self.peak = max(self.peak, count)
                time.sleep(0.05)

    def finish(self) -> int:
        self.done.set()
        self.join(5)
        return self.peak


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"daphne stopped (code {server.returncode})")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"daphne not ready after {START_TIMEOUT}s")


def load(port: int, path: str, cookie: str) -> tuple[list[float], list[str], float]:
    """CLIENTS threads, each on its keep-alive connection, GET `path` until the time is up."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(CLIENTS + 1)
    stop_at: list[float] = []

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        start_line.wait()
        while time.monotonic() < stop_at[0]:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = repr(exc)
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(str(status))
        conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at.append(time.monotonic() + LOAD_SECONDS)
    started = time.perf_counter()
    start_line.wait()
    for thread in threads:
        thread.join(LOAD_SECONDS + REQUEST_TIMEOUT)
    return latencies, errors, time.perf_counter() - started


def measure() -> dict[str, float | int | str]:
    url = os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_URL)
    try:
        ensure_database(url)
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: say so, measure the rest
        return {"load_diffusion_error": f"PostgreSQL unavailable: {exc}"[:300]}
    workdir = Path(tempfile.mkdtemp(prefix="bf1-bench-load-"))
    env = server_env(url, workdir)
    server = None
    with open(workdir / "server.log", "wb") as log:
        try:
            fixture = prepare(env, log)
            port = free_port()
            daphne = Path(sys.executable).with_name("daphne")
            server = subprocess.Popen(
                [str(daphne), "-b", HOST, "-p", str(port), "bf1portal.asgi:application"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            wait_until_up(port, server)
            path = f"/diffusion/?date={fixture['day']}"
            cookie = f"sessionid={fixture['session']}"
            warm = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            warm.request("GET", path, headers={"Cookie": cookie})
            first = warm.getresponse()
            size = len(first.read())
            warm.close()
            if first.status != 200:
                raise RuntimeError(f"GET {path} answered {first.status}")
            sampler = ConnectionSampler(url)
            sampler.start()
            latencies, errors, elapsed = load(port, path, cookie)
            peak = sampler.finish()
        except Exception:
            sys.stderr.write((workdir / "server.log").read_text(errors="replace")[-4000:])
            raise
        finally:
            if server is not None:
                stop(server)
    return {
        "load_diffusion_50_clients": CLIENTS,
        "load_diffusion_50_seconds": LOAD_SECONDS,
        "load_diffusion_50_page_kb": round(size / 1024, 1),
        "load_diffusion_50_requests": len(latencies),
        "load_diffusion_50_requests_per_s": round(len(latencies) / elapsed, 2),
        "load_diffusion_50_errors": len(errors),
        "load_diffusion_50_first_error": errors[0] if errors else "",
        "load_diffusion_50_p50_ms": round(percentile(latencies, 50), 1) if latencies else 0,
        "load_diffusion_50_p95_ms": round(percentile(latencies, 95), 1) if latencies else 0,
        "db_connections_peak": peak,
        "db_pool_max_size": POOL_SIZE,
    }


def main() -> int:
    figures = measure()
    out = ROOT / "bench" / "results" / "latest.json"
    payload = json.loads(out.read_text()) if out.exists() else {"results": {}}
    payload["results"].update(figures)
    if hasattr(os, "getloadavg"):  # how busy the machine was (other programs slow it)
        payload["results"]["load_diffusion_load_average_1m"] = round(os.getloadavg()[0], 2)
    out.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    print(json.dumps(figures, indent=2, sort_keys=True))
    return 1 if "load_diffusion_error" in figures or figures.get("load_diffusion_50_errors") else 0


if __name__ == "__main__":
    sys.exit(main())
