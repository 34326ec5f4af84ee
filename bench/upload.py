"""Upload of a 200 MB video spot through the chunked endpoint: throughput and the
server's peak memory.

Generates once (cached in the temp folder) a valid 30 s spot, 1280x720 at 25
fps, H.264 with an AAC sound track, whose noise pictures keep the bitrate at
about 53 Mb/s so that the file weighs about 200 MB. Then starts the real ASGI
server (one daphne process, production settings, as bench/quote_api.py does)
on 127.0.0.1 with a throw-away SQLite database and media folders, creates an
advertiser with a confirmed e-mail and two draft campaigns of 30 s spots, logs
in through the login form and sends the file exactly as static/js/spot_upload.js
does: `start/`, then `PUT chunk/?offset=N` of the chunk size the server gives
(5 MiB), then `finish/`, which runs the media checks and stores the spot.

A small upload to the first campaign warms the server up (PyAV and every code
path loaded) before the measured one. A thread reads the server's resident
memory (/proc/<pid>/status, VmRSS) every 20 ms during the measured upload; the
kernel's own high-water mark (VmHWM, reset just before) catches what falls
between two readings. The figure is the peak minus the resident memory just
before the first chunk. The media checks run inside the server process (PyAV),
so they are counted; a child process would not be. Linux only; only 127.0.0.1
is ever contacted and the server is always stopped at the end."""

from __future__ import annotations

import array
import http.client
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from fractions import Fraction
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quote_api import (  # noqa: E402
    HOST,
    START_TIMEOUT,
    free_port,
    prepare_database,
    server_env,
    stop,
)

MB = 1_000_000
# The spot: as long as the campaign's declared length, heavy enough to weigh ~200 MB.
SECONDS = 30
WIDTH, HEIGHT, FPS = 1280, 720, 25
TARGET_BYTES = 200 * MB
AUDIO_BIT_RATE = 128_000
VIDEO_BIT_RATE = TARGET_BYTES * 8 // SECONDS - AUDIO_BIT_RATE  # ~53 Mb/s
SAMPLE_RATE = 48_000
AMPLITUDE_MINUS_23_LUFS = 0.0708  # a 1 kHz sine on both channels measures -23 LUFS
NOISE_PICTURES = 50  # distinct noise pictures, cycled (x264 references the previous one)
CACHE_VERSION = 1

SAMPLE_EVERY_S = 0.02
REQUEST_TIMEOUT = 600  # finishing runs the media checks on the whole file
FIXTURE_TIMEOUT = 120


# --- The generated video ----------------------------------------------------------
def cache_dir() -> Path:
    folder = os.environ.get("BENCH_UPLOAD_CACHE") or Path(tempfile.gettempdir()) / "bf1-bench"
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _audio_second(amplitude: float) -> bytes:
    """One second of a 1 kHz sine (exactly 1000 periods), float32 samples."""
    step = 2 * math.pi * 1000 / SAMPLE_RATE
    return array.array("f", (amplitude * math.sin(step * i) for i in range(SAMPLE_RATE))).tobytes()


def make_video(path: Path, *, noise: bool, video_bit_rate: int) -> Path:
    """Write a 30 s 1280x720 25 fps H.264/AAC MP4 at `video_bit_rate`: random
    noise pictures (which no encoder can shrink) or a flat red picture. The
    sound (1 kHz at -23 LUFS) is encoded alongside each picture so the muxer
    never holds more than a few packets."""
    import av

    rate = Fraction(FPS)
    samples_per_frame = SAMPLE_RATE // FPS
    second = _audio_second(AMPLITUDE_MINUS_23_LUFS)
    with av.open(str(path), mode="w", format="mp4") as out:
        video = out.add_stream("libx264", rate=rate)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        video.bit_rate = video_bit_rate
        video.options = {"preset": "ultrafast"}
        audio = out.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        audio.bit_rate = AUDIO_BIT_RATE

        pictures = []
        generator = random.Random(2026)
        for _picture in range(NOISE_PICTURES if noise else 1):
            frame = av.VideoFrame(WIDTH, HEIGHT, "yuv420p")
            for plane_index, plane in enumerate(frame.planes):
                if noise:
                    plane.update(generator.randbytes(plane.buffer_size))
                else:  # BF1 red #DC2626 in BT.601 YUV
                    plane.update(bytes([(96, 90, 221)[plane_index]]) * plane.buffer_size)
            pictures.append(frame)

        for index in range(SECONDS * FPS):
            frame = pictures[index % len(pictures)]
            frame.pts = index
            frame.time_base = 1 / rate
            for packet in video.encode(frame):
                out.mux(packet)
            position = index * samples_per_frame
            start = (position % SAMPLE_RATE) * 4
            sound = av.AudioFrame(format="fltp", layout="stereo", samples=samples_per_frame)
            for plane in sound.planes:
                plane.update(second[start : start + samples_per_frame * 4])
            sound.sample_rate = SAMPLE_RATE
            sound.pts = position
            sound.time_base = Fraction(1, SAMPLE_RATE)
            for packet in audio.encode(sound):
                out.mux(packet)
        for stream in (video, audio):
            for packet in stream.encode():
                out.mux(packet)
    return path


def cached_video(name: str, *, noise: bool, video_bit_rate: int) -> Path:
    """The video `name` from the cache, generated (to a temporary name, then
    renamed) when missing."""
    path = cache_dir() / f"{name}-v{CACHE_VERSION}.mp4"
    if path.exists():
        return path
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        make_video(partial, noise=noise, video_bit_rate=video_bit_rate)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def big_video() -> Path:
    return cached_video("spot-30s-200mb", noise=True, video_bit_rate=VIDEO_BIT_RATE)


def small_video() -> Path:
    return cached_video("spot-30s-flat", noise=False, video_bit_rate=1_000_000)


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


# --- A small HTTP client with cookies ----------------------------------------------
class Browser:
    """One keep-alive connection to the server, keeping its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def close(self) -> None:
        self.conn.close()

    def request(self, method: str, path: str, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the keep-alive connection: once more on a new one.
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        payload = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response, payload

    def csrf_token(self, path: str) -> str:
        status, _response, payload = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', payload)
        if not found:
            raise RuntimeError(f"no CSRF token on {path}")
        return found.group(1).decode()

    def login(self, email: str, password: str) -> None:
        token = self.csrf_token("/login/")
        form = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token})
        status, response, payload = self.request(
            "POST",
            "/login/",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed ({status}): {payload[:300]!r}")

    def api(self, method: str, path: str, token: str, data=None, content_type=None):
        headers = {"X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest"}
        body = data
        if isinstance(data, dict):
            body = json.dumps(data).encode()
            content_type = "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        status, _response, payload = self.request(method, path, body=body, headers=headers)
        try:
            answer = json.loads(payload)
        except ValueError:
            answer = {"raw": payload[:300].decode(errors="replace")}
        return status, answer


# --- Memory of the server process ----------------------------------------------------
def _status_kb(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_bytes(pid: int) -> int | None:
    kb = _status_kb(pid, "VmRSS")
    return None if kb is None else kb * 1024


def reset_high_water_mark(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0, own processes)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def peak_since_reset(pid: int, sampled: int, high_water_reset: bool) -> int:
    """The larger of a sampled peak and the kernel's high-water mark (only when
    that mark was reset at the start: otherwise it may date from before)."""
    high_water = _status_kb(pid, "VmHWM") if high_water_reset else None
    return max(sampled, high_water * 1024) if high_water is not None else sampled


class RssSampler(threading.Thread):
    """Reads a process's RSS every SAMPLE_EVERY_S seconds and keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = rss_bytes(pid) or 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            value = rss_bytes(self.pid)
            if value is not None:
                self.peak = max(self.peak, value)
                self.samples += 1
            self._halt.wait(SAMPLE_EVERY_S)

    def finish(self) -> int:
        self._halt.set()
        self.join(5)
        return self.peak


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
