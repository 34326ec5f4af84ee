"""`make run PORT=8100`: links in e-mails point at the port the site runs on
(bf1portal/settings/dev.py builds SITE_URL from HOST and PORT, which the Makefile
and scripts/run_dev.sh pass on)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT = (
    "import bf1portal.settings.dev as s; "
    "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, "
    "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['connect-src'][-1])"
)


def dev_settings(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "SITE_URL")}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.split()


def test_site_url_follows_the_port():
    site, admin, websocket = dev_settings(HOST="127.0.0.1", PORT="8100")
    assert site == admin == "http://127.0.0.1:8100"
    assert websocket == "ws://127.0.0.1:8100"


def test_default_and_every_interface_and_explicit_site_url():
    assert dev_settings()[0] == "http://127.0.0.1:8000"
    assert dev_settings(HOST="0.0.0.0", PORT="8200")[0] == "http://127.0.0.1:8200"  # noqa: S104
    assert dev_settings(PORT="8100", SITE_URL="https://pub.bf1.bf")[0] == "https://pub.bf1.bf"


FAKE_PYTHON = """#!/bin/bash
echo "$HOST $PORT" >> "$ENVFILE"
trap 'exit 0' TERM INT
sleep 600 & wait
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="setsid")
def test_run_dev_passes_host_and_port_to_the_server_and_the_worker(tmp_path):
    fake = tmp_path / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    seen = tmp_path / "env"
    seen.touch()
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")}
    script = subprocess.Popen(
        ["/bin/bash", str(ROOT / "scripts/run_dev.sh"), str(fake), "127.0.0.1", "8100"],
        env={**clean, "ENVFILE": str(seen), "STOP_GRACE": "2"},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(seen.read_text().splitlines()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen.read_text().splitlines() == ["127.0.0.1 8100", "127.0.0.1 8100"]
    finally:
        os.killpg(script.pid, 2)
        script.wait(timeout=30)


def test_makefile_passes_host_and_port_to_seed_demo():
    makefile = (ROOT / "Makefile").read_text()
    assert "HOST=$(HOST) PORT=$(PORT) $(PY) manage.py seed_demo" in makefile


def test_readme_documents_host_port_and_development_emails():
    readme = (ROOT / "README.md").read_text()
    assert "make run HOST=0.0.0.0 PORT=8100" in readme
    assert "| `HOST`, `PORT` |" in readme
    assert "/dev/outbox/" in readme
    assert "arrivent avec les prochaines étapes" not in readme
