"""The vendored Alpine CSP build skips `window.fence` when it reads the globals at
start-up: Chromium reports reading it as a deprecated API (FencedFrame), which cost
every page its Lighthouse "best practices" score (82 instead of 100)."""

from pathlib import Path

ALPINE = Path(__file__).resolve().parent.parent / "static/vendor/alpine/alpine-csp.min.js"


def test_alpine_skips_the_globals_chromium_reports_as_deprecated():
    code = ALPINE.read_text(encoding="utf-8")
    assert 'e==="styleMedia"||e==="sharedStorage"||e==="fence"' in code
