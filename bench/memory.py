"""Memory of a process, from /proc (Linux): its resident memory (VmRSS), the
kernel's high-water mark (VmHWM) and a thread that samples the RSS. Used by the
upload bench (the server's peak) and the reports bench (the export's peak)."""

from __future__ import annotations

import threading

SAMPLE_EVERY_S = 0.02


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
