"""Catching Content-Security-Policy violations in the browser journeys.

Every context opened through `WatchedBrowser` (the session's `browser` fixture)
records, in `CSP_WATCH`:
- each `securitypolicyviolation` event of its pages (an init script listens on the
  document before any page script runs, and reports through an exposed binding);
- each console message or uncaught error about the policy (Chromium's "Refused to
  ...", a Permissions-Policy header it cannot parse) or from Alpine's CSP build (an
  expression it cannot evaluate: "Alpine Expression Error", "CSP Parser Error").

The autouse fixture `no_csp_violation` (conftest.py) empties the record before each
journey and fails the journey if anything was recorded by its end."""

from __future__ import annotations

import threading

BINDING = "__bf1CspViolation"

INIT_SCRIPT = f"""
(() => {{
  document.addEventListener("securitypolicyviolation", (event) => {{
    const where = (event.sourceFile || event.documentURI) + ":" + event.lineNumber;
    const text = event.effectiveDirective + " blocked " + (event.blockedURI || "inline")
      + " at " + where + (event.sample ? " (" + event.sample + ")" : "");
    try {{ window.{BINDING}(text); }} catch (error) {{}}
  }}, true);
}})();
"""

MARKERS = (
    "content security policy",
    "content-security-policy",
    "refused to",
    "permissions-policy",
    "permissions policy",
    "alpine expression error",
    "csp parser error",
    "prohibited in the csp build",
)


def is_csp_problem(text: str) -> bool:
    lowered = (text or "").lower()
    return any(marker in lowered for marker in MARKERS)


class CspWatch:
    def __init__(self) -> None:
        self._problems: list[str] = []
        self._lock = threading.Lock()

    def record(self, text: str) -> None:
        with self._lock:
            self._problems.append(text)

    def take(self) -> list[str]:
        with self._lock:
            problems, self._problems = self._problems, []
        return problems

    def attach(self, context) -> None:
        context.add_init_script(INIT_SCRIPT)
        context.expose_binding(BINDING, lambda source, text: self.record(f"violation: {text}"))
        context.on("console", self._on_console)
        context.on("weberror", self._on_web_error)

    def _on_console(self, message) -> None:
        if message.type in {"error", "warning"} and is_csp_problem(message.text):
            location = message.location or {}
            self.record(f"console {message.type}: {message.text} ({location.get('url', '')})")

    def _on_web_error(self, web_error) -> None:
        error = web_error.error
        text = f"{getattr(error, 'name', '')}: {getattr(error, 'message', error)}"
        if is_csp_problem(text):
            self.record(f"page error: {text}")


CSP_WATCH = CspWatch()


class WatchedBrowser:
    """The session's Chromium: the contexts and pages it opens are watched."""

    def __init__(self, browser, watch: CspWatch) -> None:
        self._browser = browser
        self._watch = watch

    def new_context(self, *args, **kwargs):
        context = self._browser.new_context(*args, **kwargs)
        self._watch.attach(context)
        return context

    def new_page(self, *args, **kwargs):
        context = self.new_context(*args, **kwargs)
        page = context.new_page()
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)
