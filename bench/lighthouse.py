"""Lighthouse scores (mobile) of the advisor and the advertiser stories, written as
`lighthouse_<page>_<category>` (0–100) and `lighthouse_min_score` (issue 20:
≥ 95 in every category on /conseiller/ and /references/).

Part of `make bench` (bench/run.py): the demo site (`seed_demo` on a throw-away
database) is served as `make run` serves it, static and media files included
(the production set-up of bench/http_load.py leaves them to nginx), then
Lighthouse 12 (`npx lighthouse@12.2.3`, fetched from npm the first time)
audits each page with Debian's Chromium. Without Node.js, the run records
`lighthouse_skipped` and goes on. Alone: `python -m bench.lighthouse [--write]`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
AUDIT_TIMEOUT = 240


def pages(today) -> dict[str, str]:
    start = (today + timedelta(days=20)).isoformat()
    return {
        "advisor": "/conseiller/",
        "advisor_budget": "/conseiller/?objective=launch&audience=youth",
        "advisor_result": (
            f"/conseiller/?objective=launch&audience=youth&budget=1500000&start_date={start}"
            "&weeks=2"
        ),
        "references": "/references/",
        "references_filtered": "/references/?objectif=launch",
        "reference_story": "/references/sahel-connect-forfait-yeleen/",
    }


def scores(url: str, workdir: Path) -> dict[str, int]:
    report = workdir / "report.json"
    subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        cwd=workdir,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=AUDIT_TIMEOUT,
    )
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def serve(workdir: Path, log) -> tuple[subprocess.Popen, int]:
    """The demo site (`seed_demo` on a throw-away SQLite database) served by
    Django's server with the development settings, as `make run` serves it: its
    static and media files included, which in production nginx serves."""
    from bench import http_load
    from bench.quote_api import free_port, server_env

    env = server_env(workdir / "bench.sqlite3")
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bf1portal.settings.dev",
            "DEBUG": "true",
            "MEDIA_ROOT": str(workdir / "media"),
            "HOST": http_load.HOST,
        }
    )
    for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=AUDIT_TIMEOUT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"{http_load.HOST}:{port}"],
        cwd=ROOT,
        env={**env, "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    return server, port


def wait_until_ready(port: int, server: subprocess.Popen) -> None:
    import http.client
    import time

    from bench.quote_api import START_TIMEOUT

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server stopped (code {server.returncode})")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/conseiller/")
            if conn.getresponse().status == 200:
                return
        except (ConnectionError, OSError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"server not ready after {START_TIMEOUT}s")


def measure() -> dict[str, int | str]:
    if shutil.which("npx") is None or not Path(CHROMIUM).exists():
        return {"lighthouse_skipped": "Node.js (npx) or Chromium is not installed"}
    from datetime import date

    from bench.quote_api import stop

    workdir = Path(tempfile.mkdtemp(prefix="bf1-bench-lighthouse-"))
    figures: dict[str, int | str] = {}
    try:
        with open(workdir / "server.log", "wb") as log:
            server, port = serve(workdir, log)
            try:
                wait_until_ready(port, server)
                for name, path in pages(date.today()).items():
                    result = scores(f"http://127.0.0.1:{port}{path}", workdir)
                    for category, score in result.items():
                        figures[f"lighthouse_{name}_{category.replace('-', '_')}"] = score
            finally:
                stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures["lighthouse_min_score"] = min(v for v in figures.values() if isinstance(v, int))
    return figures


def measure_safely() -> dict[str, int | str]:
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"lighthouse_error": f"{type(exc).__name__}: {exc}"[:500]}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    figures = measure_safely()
    if "--write" in sys.argv[1:]:
        from bench.results_file import merge_into_latest

        merge_into_latest(figures, bench="lighthouse")
    print(json.dumps(figures, indent=2))
