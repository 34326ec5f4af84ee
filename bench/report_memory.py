"""The peak memory of the year's report exports, each in a fresh process, on the
busy broadcast year (bench/broadcast_data.py).

A long export runs in a django-q2 worker (`reports.tasks.run_export_job`, which
calls `reports.services.run`): a process that has done `django.setup()` and then
writes the file. Here each export is an `ExportJob` recorded by this process
for an administrator, then run by `reports.tasks.run_export_job` in a fresh
Python (`python -m bench.report_memory --child <job>`) with the production
settings (dummy secret key, the bench database, a throw-away MEDIA_ROOT), which
reads its kernel high-water mark (`VmHWM`, /proc/self/status) at the end: the
absolute peak of its resident memory, imports included (MB = 10^6 bytes).

- `report_year_pdf_rss_mb`: the heaviest year PDF a user can ask for, the
  listing of the year's airings (`dataset=airings`, 365 days from the first day
  of the generated year: ~131 500 lines read and added up, the first
  `PDF_MAX_ROWS` laid out); `report_year_pdf_overview_rss_mb`: the year's
  summary PDF (`dataset=overview`), for context.
- `report_year_xlsx_rss_mb`: the XLSX of the year's airings (every line).
- `fresh_process_rss_mb`: the floor, a fresh process with the same settings
  that only runs `django.setup()`.
- `report_year_pdf_pages`, `report_year_*_rows`: what was written.

Run alone: `python bench/report_memory.py` (generates the year into a throw-away
SQLite file first, or uses DATABASE_URL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000
CHILD_TIMEOUT = 900
CHILD_SETTINGS = "bf1portal.settings.production"
# The exports measured: figure name → (dataset, format).
EXPORTS = {
    "report_year_pdf": ("airings", "pdf"),
    "report_year_xlsx": ("airings", "xlsx"),
    "report_year_pdf_overview": ("overview", "pdf"),
}


def high_water_mark_bytes() -> int:
    """This process's peak resident memory (VmHWM), in bytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child_env(media_root: str) -> dict[str, str]:
    """The worker's environment: production settings with dummy secrets, the
    bench's database, files written into `media_root`."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_CHILD_SETTINGS", CHILD_SETTINGS),
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "pub.bf1.bf",
        "CSRF_TRUSTED_ORIGINS": "https://pub.bf1.bf",
        "SITE_URL": "https://pub.bf1.bf",
        "MEDIA_ROOT": media_root,
    }


def run_child(args: list[str], media_root: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.report_memory", "--child", *args],
        cwd=ROOT,
        env=child_env(media_root),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"the child process failed ({done.returncode}): {args}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(args: list[str]) -> dict:
    """In the fresh process: `setup` alone, or the export job `<id>`."""
    import django

    django.setup()
    figures: dict = {}
    if args[0] != "setup":
        from reports.tasks import run_export_job

        figures["status"] = run_export_job(int(args[0]))
    figures["peak_bytes"] = high_water_mark_bytes()
    return figures


def _pdf_pages(path: Path) -> int:
    """Pages of a written PDF: its /Count in the page tree (the largest one)."""
    import re

    counts = re.findall(rb"/Count (\d+)", path.read_bytes())
    return max((int(count) for count in counts), default=0)


def measure(summary: dict) -> dict[str, float | int | str]:
    from bench.reports import _administrator, year_of
    from reports.exports import Export
    from reports.models import ExportJob

    start, end = year_of(summary)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    requester = _administrator()
    figures: dict[str, float | int | str] = {}
    with tempfile.TemporaryDirectory(prefix="bf1-bench-media-") as media_root:
        floor = run_child(["setup"], media_root)
        figures["fresh_process_rss_mb"] = round(floor["peak_bytes"] / MB, 1)
        for name, (dataset, fmt) in EXPORTS.items():
            export = Export.from_params({**params, "dataset": dataset}, fmt=fmt)
            job = ExportJob.objects.create(
                requester=requester,
                dataset=export.dataset,
                format=export.fmt,
                params=export.params(),
                row_count=export.row_count(),
            )
            try:
                result = run_child([str(job.pk)], media_root)
                job.refresh_from_db()
                if job.status != ExportJob.Status.DONE:
                    raise RuntimeError(f"{name}: the job ended {job.status}: {job.error}")
                figures[f"{name}_rss_mb"] = round(result["peak_bytes"] / MB, 1)
                if export.is_listing:
                    figures[f"{name}_rows"] = job.row_count
                written = Path(media_root) / job.file_path
                figures[f"{name}_kb"] = round(written.stat().st_size / 1000, 1)
                if fmt == "pdf" and export.is_listing:
                    figures[f"{name}_pages"] = _pdf_pages(written)
            finally:
                job.delete()
    return figures


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2:])))
        sys.exit(0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    from bench import broadcast_data

    call_command("migrate", verbosity=0, interactive=False)
    load = os.getloadavg()[0]
    results = measure(broadcast_data.generate())
    results["report_memory_load_average_1m"] = round(load, 2)
    print(json.dumps(results, indent=2, default=str))
    if "--write" in sys.argv[1:]:
        from bench.results_file import merge_into_latest

        merge_into_latest(results, bench="report_memory")
