"""Latency of the quote API (POST /api/simulator/quote/) under concurrent clients.

Starts the deployed HTTP server (gunicorn with WORKERS sync workers, as
deploy/gunicorn.conf.py runs it; production settings) on 127.0.0.1 with a
throw-away SQLite database that is migrated and seeded with the demo rate card,
then lets CLIENTS threads post the same 3-band request over keep-alive
connections and measures each request. The server is always stopped at the end.
Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import http.client
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PATH = "/api/simulator/quote/"
CLIENTS = 20
WORKERS = 2  # one per core of the measuring machine (deploy/gunicorn.conf.py)
WARMUP_PER_CLIENT = 20
REQUESTS_PER_CLIENT = 200
SETUP_TIMEOUT = 600  # migrate + seed
START_TIMEOUT = 60  # server ready
RUN_TIMEOUT = 300  # the measured part, all clients together
REQUEST_TIMEOUT = 30

# The request the simulator sends most: three bands, two weeks, no option.
QUOTE_REQUEST = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [
        {"band": "matinee", "airings": 10},
        {"band": "prime-time", "airings": 10},
        {"band": "fin-de-soiree", "airings": 5},
    ],
    "options": [],
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # the embedded engines: in-process cache, SQLite
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": env.get(
                "BENCH_SERVER_SETTINGS", "bf1portal.settings.production"
            ),
            "SECRET_KEY": "bench-only-dummy-secret-key",
            "DEBUG": "false",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "SIMULATOR_API_RATE_PER_MINUTE": "0",  # no throttle for the bench
            "DATABASE_URL": f"sqlite:///{database}",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    return env


def prepare_database(env: dict[str, str], log) -> None:
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=SETUP_TIMEOUT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from simulator.demo import ensure_demo_rate_card; ensure_demo_rate_card()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=SETUP_TIMEOUT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    conn.request("POST", PATH, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def wait_until_ready(port: int, server: subprocess.Popen, body: bytes) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server stopped (code {server.returncode})")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            status, payload = post(conn, body)
            if status == 200:
                return json.loads(payload)
            raise RuntimeError(f"quote API answered {status}: {payload[:300]!r}")
        except (ConnectionError, OSError) as exc:
            last_error = exc
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"server not ready after {START_TIMEOUT}s: {last_error}")


def start_server(env: dict[str, str], port: int, log) -> subprocess.Popen:
    """gunicorn as deployed (deploy/gunicorn.conf.py), WORKERS sync workers, no
    access log (it would be measured too). BENCH_QUOTE_SERVER=daphne: one daphne
    process instead (the set-up before issue 16), to compare."""
    if os.environ.get("BENCH_QUOTE_SERVER") == "daphne":
        daphne = Path(sys.executable).with_name("daphne")
        return subprocess.Popen(
            [str(daphne), "-v", "0", "-b", HOST, "-p", str(port), "bf1portal.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_ACCESS_LOG": "",
    }
    return subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "bf1portal.wsgi:application",
        ],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def server_pids(pid: int) -> list[int]:
    """The server and its children (gunicorn's workers), Linux only."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [pid, *map(int, children)]


def server_cpu(pid: int) -> float | None:
    """CPU seconds of the server and its workers, None where unknown."""
    values = [cpu_seconds(p) for p in server_pids(pid)]
    return None if any(v is None for v in values) else sum(values)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux), None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_clients(port: int, body: bytes, clients: int, warmup: int, requests: int, on_start=None):
    """Every client posts `warmup` unmeasured then `requests` measured quotes on
    one keep-alive connection; all start the measured part together."""
    start_line = threading.Barrier(clients + 1, timeout=START_TIMEOUT)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[str] = []

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            for _ in range(warmup):
                post(conn, body)
            start_line.wait()
            mine = latencies[index]
            for _ in range(requests):
                started = time.perf_counter()
                status, payload = post(conn, body)
                mine.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append(f"{status}: {payload[:200]!r}")
                    return
        except (threading.BrokenBarrierError, OSError, http.client.HTTPException) as exc:
            failures.append(repr(exc))
            start_line.abort()
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    if on_start is not None:
        on_start()
    started = time.perf_counter()
    deadline = time.monotonic() + RUN_TIMEOUT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    elapsed = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        failures.append(f"clients still running after {RUN_TIMEOUT}s")
    if failures:
        raise RuntimeError(f"{len(failures)} failed client(s), first: {failures[0]}")
    return [ms for mine in latencies for ms in mine], elapsed


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def measure(
    clients: int = CLIENTS,
    requests_per_client: int = REQUESTS_PER_CLIENT,
    warmup_per_client: int = WARMUP_PER_CLIENT,
) -> dict[str, float | int]:
    workdir = Path(tempfile.mkdtemp(prefix="bf1-bench-api-"))
    env = server_env(workdir / "bench.sqlite3")
    body = json.dumps(QUOTE_REQUEST).encode()
    server = None
    try:
        with open(workdir / "server.log", "wb") as log:
            prepare_database(env, log)
            port = free_port()
            server = start_server(env, port, log)
            wait_until_ready(port, server, body)
            cpu_at_start: list[float | None] = []
            latencies, elapsed = run_clients(
                port,
                body,
                clients,
                warmup_per_client,
                requests_per_client,
                on_start=lambda: cpu_at_start.append(server_cpu(server.pid)),
            )
            cpu_at_end = server_cpu(server.pid)
    except Exception:
        log_file = workdir / "server.log"
        if log_file.exists():
            sys.stderr.write(log_file.read_text(errors="replace")[-4000:])
        raise
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    results: dict[str, float | int] = {
        "quote_api_p50_ms": round(percentile(latencies, 50), 2),
        "quote_api_p95_ms": round(percentile(latencies, 95), 2),
        "quote_api_mean_ms": round(statistics.fmean(latencies), 2),
        "quote_api_requests": len(latencies),
        "quote_api_concurrency": clients,
        "quote_api_requests_per_s": round(len(latencies) / elapsed, 1),
    }
    if cpu_at_start and cpu_at_start[0] is not None and cpu_at_end is not None:
        # CPU the server spent per request: barely moved by other programs on
        # the machine, unlike the latencies.
        results["quote_api_server_cpu_ms"] = round(
            (cpu_at_end - cpu_at_start[0]) * 1000 / len(latencies), 2
        )
    return results


if __name__ == "__main__":
    figures = measure()
    print(json.dumps(figures, indent=2))
    if "--write" in sys.argv[1:]:
        sys.path.insert(0, str(ROOT))
        from bench.results_file import merge_into_latest

        merge_into_latest(figures, bench="quote_api")
