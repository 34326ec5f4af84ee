"""static/js/report_job.js, run by Node against a minimal stand-in of the page
(no browser): a failed state pushed live shows the reason and the "Relancer"
form; a running one keeps them hidden. Skipped where Node is not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "report_job.js"

HARNESS = r"""
const fs = require("fs");
function element(attrs) {
  return { hidden: true, textContent: "", style: {}, attrs: attrs || {},
    setAttribute(k, v) { this.attrs[k] = String(v); },
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; } };
}
const parts = {};
["[data-job-status]", "[data-job-percent]", "[data-job-bar]", "[data-job-fill]",
 "[data-job-waiting]", "[data-job-ready]", "[data-job-download]", "[data-job-failed]",
 "[data-job-error]", "[data-job-relaunch]"].forEach((s) => { parts[s] = element(); });
parts["[data-job-waiting]"].hidden = false;
parts["[data-job-relaunch]"].attrs.action = "/reports/jobs/old/relaunch/";
const root = element({ "data-status": "running" });
root.dataset = { statusUrl: "/status/", socketPath: "/ws/" };
root.querySelector = (s) => parts[s] || null;
let onMessage = null;
let closed = false;
global.window = { BF1LiveSocket: { connect(opts) { onMessage = opts.onMessage;
  return { close() { closed = true; } }; } } };
global.document = { getElementById: (id) => (id === "report-job" ? root : null) };
eval(fs.readFileSync(process.argv[1], "utf8"));
onMessage(JSON.parse(process.argv[2]));
const out = {};
for (const [k, v] of Object.entries(parts)) {
  out[k] = { hidden: v.hidden, text: v.textContent, action: v.attrs.action || "" };
}
out.closed = closed;
console.log(JSON.stringify(out));
"""


def render(state: dict) -> dict:
    result = subprocess.run(  # noqa: S603 - our own script and harness
        [shutil.which("node"), "-e", HARNESS, str(SCRIPT), json.dumps(state)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")


def test_a_failure_pushed_live_shows_the_reason_and_relancer():
    reason = "Le traitement de l’export s’est interrompu (aucun signe de vie depuis 10 minutes)."
    page = render(
        {
            "type": "job",
            "status": "failed",
            "status_label": "en échec",
            "progress": 40,
            "error": reason,
            "relaunch_url": "/reports/jobs/abc/relaunch/",
        }
    )
    assert page["[data-job-failed]"]["hidden"] is False
    assert page["[data-job-error]"]["text"] == reason
    assert page["[data-job-relaunch]"]["hidden"] is False
    assert page["[data-job-relaunch]"]["action"] == "/reports/jobs/abc/relaunch/"
    assert page["[data-job-waiting]"]["hidden"] is True
    assert page["closed"] is True  # the page stops listening


def test_a_running_job_keeps_relancer_hidden():
    page = render({"type": "job", "status": "running", "status_label": "en cours", "progress": 40})
    assert page["[data-job-failed]"]["hidden"] is True
    assert page["[data-job-waiting]"]["hidden"] is False
    assert page["closed"] is False
