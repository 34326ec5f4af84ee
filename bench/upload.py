"""Upload of a 200 MB video spot through the chunked endpoint: throughput and the
server's peak memory.

Uses a valid 30 s spot, 1280x720 at 25 fps, H.264 with an AAC sound track, of
about 200 MB (bench/video.py, generated once and cached in the temp folder).
Starts the real ASGI server (one daphne process, production settings, as
bench/quote_api.py does) on 127.0.0.1 with a throw-away SQLite database and
media folders, creates an advertiser with a confirmed e-mail and two draft
campaigns of 30 s spots, logs in through the login form (bench/http_client.py)
and sends the file exactly as static/js/spot_upload.js does: `start/`, then
`PUT chunk/?offset=N` of the chunk size the server gives (5 MiB), then
`finish/`, which runs the media checks and stores the spot.

A small upload to the first campaign warms the server up (PyAV and every code
path loaded) before the measured one. A thread reads the server's resident
memory (/proc/<pid>/status, VmRSS) every 20 ms during the measured upload; the
kernel's own high-water mark (VmHWM, reset just before) catches what falls
between two readings (bench/memory.py). The figure is the peak minus the
resident memory just before the first chunk. The media checks run inside the
server process (PyAV), so they are counted; a child process would not be.
Linux only; only 127.0.0.1 is ever contacted and the server is always stopped
at the end."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.http_client import Browser  # noqa: E402
from bench.memory import (  # noqa: E402
    RssSampler,
    peak_since_reset,
    reset_high_water_mark,
    rss_bytes,
)
from bench.quote_api import (  # noqa: E402
    HOST,
    START_TIMEOUT,
    free_port,
    prepare_database,
    server_env,
    stop,
)
from bench.video import MB, SECONDS, big_video, small_video  # noqa: E402

FIXTURE_TIMEOUT = 120


# --- The server's data (run in a subprocess with the server's settings) --------------
def make_fixture() -> None:
    """An advertiser with a confirmed e-mail and two draft 30 s campaigns; prints
    their login and campaign ids as JSON."""
    import secrets
    from datetime import timedelta

    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.models import Advertiser, BusinessSector, User
    from accounts.roles import GROUP_NAMES, Role
    from campaigns.models import Campaign, CampaignLine, CreativeMode, Status

    sector = BusinessSector.objects.order_by("pk").first()
    advertiser = Advertiser.objects.create(name="Banc d'essai SARL", sector=sector)
    password = secrets.token_urlsafe(16)
    email = "bench-upload@example.bf"
    user = User.objects.create_user(
        email=email, password=password, advertiser=advertiser, email_confirmed_at=timezone.now()
    )
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ADVERTISER]))
    start = timezone.localdate() + timedelta(days=7)
    campaigns = []
    for title in ("Échauffement", "Spot de 200 Mo"):
        campaign = Campaign.objects.create(
            advertiser=advertiser,
            created_by=user,
            title=title,
            product="Jus de bissap",
            sector=sector,
            start_date=start,
            end_date=start + timedelta(days=13),
            spot_length=SECONDS,
            creative_mode=CreativeMode.PROVIDE,
            status=Status.DRAFT,
        )
        CampaignLine.objects.create(
            campaign=campaign, band_code="prime-time", band_name="Prime time", airings=10
        )
        campaigns.append(str(campaign.uuid))
    print(json.dumps({"email": email, "password": password, "campaigns": campaigns}))


# --- The upload ----------------------------------------------------------------------
def upload(
    browser: Browser, campaign: str, path: Path, *, on_first_chunk=None, on_sent=None
) -> dict:
    """Send `path` as static/js/spot_upload.js does; returns timings and the answer.
    `on_first_chunk` is called just before the first chunk, `on_sent` once every
    chunk is in (before `finish/`)."""
    page = f"/campaigns/{campaign}/upload/"
    token = browser.csrf_token(page)
    size = path.stat().st_size
    status, started = browser.api(
        "POST", page + "start/", token, {"filename": path.name, "size": size}
    )
    if status != 201:
        raise RuntimeError(f"start answered {status}: {started}")
    base = page + started["upload_id"] + "/"
    chunk_size = int(started["chunk_size"])
    if on_first_chunk is not None:
        on_first_chunk()
    began = time.perf_counter()
    offset = 0
    chunks = 0
    with open(path, "rb") as source:
        while offset < size:
            source.seek(offset)
            piece = source.read(chunk_size)
            status, answer = browser.api(
                "PUT",
                f"{base}chunk/?offset={offset}",
                token,
                piece,
                content_type="application/octet-stream",
            )
            if status != 200:
                raise RuntimeError(f"chunk at {offset} answered {status}: {answer}")
            offset = int(answer["received"])
            chunks += 1
    sent = time.perf_counter()
    if on_sent is not None:
        on_sent()
    status, finished = browser.api("POST", base + "finish/", token, {"replaces": ""})
    done = time.perf_counter()
    if status != 201 or not finished.get("ok"):
        raise RuntimeError(f"finish answered {status}: {json.dumps(finished)[:600]}")
    return {
        "size": size,
        "chunks": chunks,
        "chunk_size": chunk_size,
        "transfer_s": sent - began,
        "finish_s": done - sent,
        "total_s": done - began,
        "report": finished.get("report", {}),
    }


def _fixture(env: dict[str, str], log) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.upload", "--fixture"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=FIXTURE_TIMEOUT,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"daphne stopped (code {server.returncode})")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"daphne not ready after {START_TIMEOUT}s")


def measure() -> dict[str, float | int]:
    if not sys.platform.startswith("linux"):
        raise RuntimeError("the upload bench reads /proc: Linux only")
    generating = time.perf_counter()
    video = big_video()
    warmup = small_video()
    generated_s = time.perf_counter() - generating
    if generated_s > 1:
        print(f"upload bench: test videos generated in {generated_s:.0f} s", file=sys.stderr)

    workdir = Path(tempfile.mkdtemp(prefix="bf1-bench-upload-"))
    env = server_env(workdir / "bench.sqlite3")
    env["MEDIA_ROOT"] = str(workdir / "media")
    env["CHUNKED_UPLOAD_DIR"] = str(workdir / "uploads-tmp")
    env["STATIC_ROOT"] = str(workdir / "static")  # the pages need the static manifest
    server = None
    browser = None
    try:
        with open(workdir / "server.log", "wb") as log:
            prepare_database(env, log)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=FIXTURE_TIMEOUT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            fixture = _fixture(env, log)
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
            _wait_until_up(port, server)
            browser = Browser(port)
            browser.login(fixture["email"], fixture["password"])
            warm_campaign, campaign = fixture["campaigns"]
            upload(browser, warm_campaign, warmup)

            sampler = RssSampler(server.pid)
            before: list[int] = []
            high_water_reset: list[bool] = []
            transfer_peak: list[int] = []

            def first_chunk() -> None:
                before.append(rss_bytes(server.pid) or 0)
                high_water_reset.append(reset_high_water_mark(server.pid))
                sampler.peak = before[0]
                sampler.start()

            def sent() -> None:
                transfer_peak.append(
                    peak_since_reset(server.pid, sampler.peak, high_water_reset[0])
                )

            measured = upload(browser, campaign, video, on_first_chunk=first_chunk, on_sent=sent)
            peak = peak_since_reset(server.pid, sampler.finish(), high_water_reset[0])
    except Exception:
        log_file = workdir / "server.log"
        if log_file.exists():
            sys.stderr.write(log_file.read_text(errors="replace")[-4000:])
        raise
    finally:
        if browser is not None:
            browser.close()
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    size_mb = measured["size"] / MB
    report = measured["report"]
    if abs((report.get("duration") or 0) - SECONDS) > 0.5:
        raise RuntimeError(f"unexpected report for the generated video: {report}")
    return {
        "upload_mb_per_s": round(size_mb / measured["total_s"], 1),
        "upload_transfer_mb_per_s": round(size_mb / measured["transfer_s"], 1),
        "upload_finish_s": round(measured["finish_s"], 2),
        "upload_file_mb": round(size_mb, 1),
        "upload_chunks": measured["chunks"],
        "upload_rss_before_mb": round(before[0] / MB, 1),
        "upload_peak_rss_mb": round((peak - before[0]) / MB, 1),
        "upload_transfer_peak_rss_mb": round((transfer_peak[0] - before[0]) / MB, 1),
        "upload_rss_samples": sampler.samples,
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["--fixture"]:
        make_fixture()
    else:
        print(json.dumps(measure(), indent=2))
