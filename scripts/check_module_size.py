"""Print the five longest Python modules and fail if one is over the limit.

Migrations and tests are left out (DESIGN.md: no module over 400 lines)."""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 400
ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {".venv", "node_modules", "migrations", "tests", "staticfiles", ".git", "media"}


def modules() -> list[tuple[int, str]]:
    found = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(relative.parts[:-1]) or relative.name == "conftest.py":
            continue
        with path.open(encoding="utf-8") as handle:
            found.append((sum(1 for _ in handle), relative.as_posix()))
    return sorted(found, reverse=True)


def main() -> int:
    ranked = modules()
    print(f"Longest modules (limit {LIMIT} lines):")
    for lines, name in ranked[:5]:
        print(f"  {lines:5d}  {name}")
    over = [(lines, name) for lines, name in ranked if lines > LIMIT]
    if over:
        print(f"{len(over)} module(s) over {LIMIT} lines:", ", ".join(n for _, n in over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
