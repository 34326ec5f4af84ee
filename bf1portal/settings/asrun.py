"""Settings of the as-run import (broadcasting/asrun/, issue 19), read from the
environment; imported by base.py."""

from pathlib import Path

from .env import env_int, env_str

_BASE_DIR = Path(__file__).resolve().parent.parent.parent

# A folder the playout automation drops its as-run logs into, scanned every minute
# (unset: no inbox). Files are moved to its `traites/` or `refuses/` subfolder.
ASRUN_INBOX_DIR = env_str("ASRUN_INBOX_DIR") or None
# The largest as-run file accepted (bytes).
ASRUN_MAX_BYTES = env_int("ASRUN_MAX_BYTES", 50 * 1000 * 1000)
# The window around a break in which an as-run row matches its airings (minutes).
ASRUN_TOLERANCE_MINUTES = env_int("ASRUN_TOLERANCE_MINUTES", 10)
# The prefix of the spots' house codes (the playout's clip ids): "BF1-000123".
ASRUN_HOUSE_CODE_PREFIX = env_str("ASRUN_HOUSE_CODE_PREFIX", "BF1")
# Where the raw as-run files are kept: outside MEDIA_ROOT, never served.
ASRUN_PRIVATE_DIR = Path(env_str("ASRUN_PRIVATE_DIR", str(_BASE_DIR / "private_media" / "asrun")))
# A running import silent (no heartbeat) this many minutes is taken up again by
# the sweeper (every 5 minutes); a pending one never started, after the same time.
ASRUN_STALL_MINUTES = env_int("ASRUN_STALL_MINUTES", 10)
