"""Lighthouse scores (mobile) of public pages, written as `lighthouse_<page>_<category>`
(0–100) into bench/results/latest.json with `--write`.

Not part of `make bench`: it needs Node.js and Lighthouse (`npm i -E
lighthouse@12.2.3` in a folder of your choice, given by `--lighthouse-dir`),
Chromium (`/usr/bin/chromium`) and a running, seeded portal:

    make seed && .venv/bin/python manage.py runserver 127.0.0.1:8765
    .venv/bin/python bench/lighthouse.py --base http://127.0.0.1:8765 \
        --lighthouse-dir /tmp/lh --write

Goal (issue 20): ≥ 95 in every category on /conseiller/ and /references/."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results_file import merge_into_latest  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def pages() -> dict[str, str]:
    start = (date.today() + timedelta(days=20)).isoformat()
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


def scores(url: str, lighthouse_dir: Path) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                "npx",
                "lighthouse",
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--form-factor=mobile",
                "--only-categories=" + ",".join(CATEGORIES),
            ],
            cwd=lighthouse_dir,
            env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin:/usr/local/bin"},
            check=True,
            capture_output=True,
            timeout=180,
        )
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--lighthouse-dir", type=Path, required=True)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    figures = {}
    for name, path in pages().items():
        result = scores(options.base.rstrip("/") + path, options.lighthouse_dir)
        print(name, result)
        for category, score in result.items():
            figures[f"lighthouse_{name}_{category.replace('-', '_')}"] = score
    figures["lighthouse_min_score"] = min(figures.values())
    if options.write:
        merge_into_latest(figures, bench="lighthouse")


if __name__ == "__main__":
    main()
