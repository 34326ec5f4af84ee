"""bench/results/latest.json, where every bench writes its figures: a bench run
alone (`--write`) merges its figures beside the others, with the load average of
the machine when it wrote them (`<bench>_load_average_1m`), since a time means
little without it on a shared machine."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "results" / "latest.json"


def merge_into_latest(figures: dict, *, bench: str | None = None) -> None:
    """Put `figures` into bench/results/latest.json beside the others; `bench` (the
    running script's name by default) names the load average recorded with them."""
    name = bench or Path(sys.argv[0]).stem or "bench"
    payload = json.loads(OUT.read_text()) if OUT.exists() else {"results": {}}
    results = payload.setdefault("results", {})
    results.update(figures)
    results[f"{name}_load_average_1m"] = round(os.getloadavg()[0], 2)
    OUT.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")
