"""The home page under load, against a constant view on the same server set-up.

Starts the deployed HTTP set-up on 127.0.0.1: gunicorn with WORKERS sync workers
(deploy/gunicorn.conf.py), production settings with dummy secrets (DEBUG off,
no HTTPS redirect) and the bench URLconf (bench/http_settings.py adds a constant
floor view in front of the portal's URLs), on a throw-away SQLite database
migrated and seeded by `seed_demo` (the demo home page with its content). Then
CLIENTS threads, each on a keep-alive http.client connection (reopened when the
server closes it, as gunicorn's sync workers do after each answer), ask for `/`
during SECONDS, then for the floor view during SECONDS. The same is measured
against one daphne process (the set-up before issue 16) for comparison. Servers
are always stopped; every step has a time limit. Only 127.0.0.1 is contacted.

    .venv/bin/python bench/http_load.py [--no-daphne] [--profile]

The home page is also measured with the whole-page cache off (core/page_cache.py,
PAGE_CACHE_SECONDS=0): `home_uncached_*`. `--profile` also profiles (cProfile, in
a child process on the same database, page cache off) what a home request costs
beyond the floor through bf1portal.wsgi."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import quote_api  # noqa: E402
from bench.quote_api import (  # noqa: E402
    HOST,
    SETUP_TIMEOUT,
    START_TIMEOUT,
    free_port,
    percentile,
    server_cpu,
    server_env,
    stop,
)

CLIENTS = 8
WORKERS = 2  # one per core of the measuring machine, as deploy/gunicorn.conf.py sizes it
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "15"))
WARMUP_SECONDS = 2.0
REQUEST_TIMEOUT = 30
SETTINGS = "bench.http_settings"
# The constant view of the bench URLconf (bench/http_urls.py).
FLOOR_PATH = "/__bench__/floor/"
NO_PAGE_CACHE = {"PAGE_CACHE_SECONDS": "0"}  # core/page_cache.py keeps nothing


def prepare(workdir: Path, log) -> dict[str, str]:
    """The server's environment, its database migrated and seeded, static collected."""
    env = server_env(workdir / "bench.sqlite3")
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),  # the pages need the static manifest
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
        }
    )
    steps = [
        (env, ["migrate", "--noinput", "-v", "0"]),
        # seed_demo refuses to run without DEBUG: only for this command.
        ({**env, "DEBUG": "true"}, ["seed_demo"]),
        (env, ["collectstatic", "--noinput", "-v", "0"]),
    ]
    for step_env, args in steps:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=step_env,
            check=True,
            timeout=SETUP_TIMEOUT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return env


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, len(response.read())


def wait_until_ready(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server stopped (code {server.returncode})")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            for path in ("/", FLOOR_PATH):
                status, _size = get(conn, path)
                if status != 200:
                    raise RuntimeError(f"GET {path} answered {status}")
            return
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            last_error = exc
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"server not ready after {START_TIMEOUT}s: {last_error}")


def load(port: int, path: str, server_pid: int, clients: int = CLIENTS, seconds: float = SECONDS):
    """`clients` threads ask for `path` during `seconds` after a warm-up:
    requests per second, p50/p95 in ms, server CPU ms per request."""
    start_line = threading.Barrier(clients + 1, timeout=START_TIMEOUT)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[str] = []
    stop_at: list[float] = []

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            warm_until = time.monotonic() + WARMUP_SECONDS
            while time.monotonic() < warm_until:
                get(conn, path)
            start_line.wait()
            mine = latencies[index]
            while time.monotonic() < stop_at[0]:
                started = time.perf_counter()
                status, _size = get(conn, path)
                mine.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append(f"GET {path}: {status}")
                    return
        except (threading.BrokenBarrierError, OSError, http.client.HTTPException) as exc:
            failures.append(repr(exc))
            start_line.abort()
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop_at.append(time.monotonic() + WARMUP_SECONDS + START_TIMEOUT + seconds)  # until set
    start_line.wait()
    cpu_start = server_cpu(server_pid)
    started = time.perf_counter()
    stop_at[0] = time.monotonic() + seconds
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    elapsed = time.perf_counter() - started
    cpu_end = server_cpu(server_pid)
    if any(thread.is_alive() for thread in threads):
        failures.append(f"clients still running {elapsed:.0f}s after the start")
    if failures:
        raise RuntimeError(f"{len(failures)} failed client(s), first: {failures[0]}")
    every = [ms for mine in latencies for ms in mine]
    figures = {
        "rps": round(len(every) / elapsed, 1),
        "p50_ms": round(percentile(every, 50), 2),
        "p95_ms": round(percentile(every, 95), 2),
        "mean_ms": round(statistics.fmean(every), 2),
        "requests": len(every),
    }
    if cpu_start is not None and cpu_end is not None:
        figures["server_cpu_ms"] = round((cpu_end - cpu_start) * 1000 / len(every), 2)
    return figures


def start_gunicorn(env, port: int, log) -> subprocess.Popen:
    return quote_api.start_server(env, port, log)


def start_daphne(env, port: int, log) -> subprocess.Popen:
    daphne = Path(sys.executable).with_name("daphne")
    return subprocess.Popen(
        # -v 0: no access log, as gunicorn here (it would be measured too)
        [str(daphne), "-v", "0", "-b", HOST, "-p", str(port), "bf1portal.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def measure_server(start, env, log, floor: bool = True) -> dict[str, dict]:
    """Home (then the floor) against one server started by `start`, always stopped."""
    port = free_port()
    server = start(env, port, log)
    try:
        wait_until_ready(port, server)
        runs = {"home": load(port, "/", server.pid)}
        if floor:
            runs["floor"] = load(port, FLOOR_PATH, server.pid)
        return runs
    finally:
        stop(server)


def figures(runs: dict[str, dict], suffix: str = "") -> dict[str, float | int]:
    home, floor = runs["home"], runs["floor"]
    out: dict[str, float | int] = {}
    for name, run in (("home", home), ("floor", floor)):
        out[f"{name}_load8_rps{suffix}"] = run["rps"]
        out[f"{name}_load8_p95_ms{suffix}"] = run["p95_ms"]
        out[f"{name}_load8_p50_ms{suffix}"] = run["p50_ms"]
        if "server_cpu_ms" in run:
            out[f"{name}_load8_server_cpu_ms{suffix}"] = run["server_cpu_ms"]
    out[f"home_vs_floor_load8{suffix}"] = round(home["rps"] / floor["rps"], 3)
    out[f"home_load8_p95_vs_floor{suffix}"] = round(home["p95_ms"] / floor["p95_ms"], 2)
    return out


def profile_child(requests: int = 300) -> None:
    """In a child process on the bench database: cProfile of `requests` home
    pages, then as many floor requests, through bf1portal.wsgi.application."""
    import cProfile
    import io
    import pstats

    from bf1portal.wsgi import application

    def call(path: str) -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": HOST,
            "SERVER_PORT": "80",
            "HTTP_HOST": HOST,
            "REMOTE_ADDR": HOST,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        body = b"".join(application(environ, lambda status, headers, exc=None: None))
        assert body, path

    for path in ("/", FLOOR_PATH):
        for _ in range(20):
            call(path)  # warm-up
        timings = []
        profiler = cProfile.Profile()
        for _ in range(requests):
            started = time.perf_counter()
            profiler.enable()
            call(path)
            profiler.disable()
            timings.append((time.perf_counter() - started) * 1000)
        print(f"\n=== {path}: median {statistics.median(timings):.2f} ms per request ===")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())


def measure(daphne: bool = True, profile: bool = False) -> dict[str, float | int]:
    workdir = Path(tempfile.mkdtemp(prefix="bf1-bench-http-"))
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    try:
        with open(workdir / "server.log", "wb") as log:
            env = prepare(workdir, log)
            results = figures(measure_server(start_gunicorn, env, log))
            results["http_load_workers"] = WORKERS
            results["http_load_clients"] = CLIENTS
            results["http_load_seconds"] = SECONDS
            # The same home page rendered on every request (whole-page cache off):
            # what the page costs when the cache is cold or just invalidated.
            uncached = measure_server(start_gunicorn, {**env, **NO_PAGE_CACHE}, log, floor=False)
            results["home_uncached_load8_rps"] = uncached["home"]["rps"]
            results["home_uncached_load8_p95_ms"] = uncached["home"]["p95_ms"]
            if "server_cpu_ms" in uncached["home"]:
                results["home_uncached_load8_server_cpu_ms"] = uncached["home"]["server_cpu_ms"]
            if daphne:
                results.update(figures(measure_server(start_daphne, env, log), "_daphne"))
        if profile:
            subprocess.run(
                [sys.executable, "-m", "bench.http_load", "--profile-child"],
                cwd=ROOT,
                env={**env, **NO_PAGE_CACHE},
                check=True,
                timeout=SETUP_TIMEOUT,
            )
    except Exception:
        log_file = workdir / "server.log"
        if log_file.exists():
            sys.stderr.write(log_file.read_text(errors="replace")[-4000:])
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if load_before is not None:
        results["http_load_load_average_1m"] = round(load_before[0], 2)
        results["http_load_load_average_1m_after"] = round(os.getloadavg()[0], 2)
    return results


if __name__ == "__main__":
    if "--profile-child" in sys.argv:
        import django

        django.setup()
        profile_child()
        sys.exit(0)
    figures = measure(daphne="--no-daphne" not in sys.argv, profile="--profile" in sys.argv)
    print(json.dumps(figures, indent=2))
    if "--write" in sys.argv[1:]:
        from bench.results_file import merge_into_latest

        merge_into_latest(figures, bench="http_load")
