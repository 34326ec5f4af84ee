"""Development settings: DEBUG on, SQLite and console e-mail unless the
environment says otherwise. The secret key is generated once per checkout and
kept in a git-ignored file, so no key lives in the repository."""

import os
import secrets


def _local_site_url() -> str:
    """Where `make run` serves the site (HOST and PORT, passed by the Makefile and
    scripts/run_dev.sh), so that links in e-mails follow `make run PORT=8100`. A
    server listening on every address (0.0.0.0, ::) is reached on 127.0.0.1."""
    host = os.environ.get("HOST", "").strip() or "127.0.0.1"
    port = os.environ.get("PORT", "").strip() or "8000"
    if host in ("0.0.0.0", "::", "[::]"):  # noqa: S104 (a comparison, not a bind)
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


# SITE_URL, when set, wins; base.py reads it (CSP connect-src included).
os.environ.setdefault("SITE_URL", _local_site_url())

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402
from .env import env_bool, env_str  # noqa: E402

DEBUG = env_bool("DEBUG", True)

# daphne's runserver (HTTP + WebSocket) for `make run`: first, so that its
# runserver replaces staticfiles' one. Not in base.py: it imports Twisted,
# autobahn and OpenSSL (about 25 MB) into every process that runs
# django.setup(), the production servers and django-q2 workers included, which
# run daphne's or gunicorn's own command line instead.
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]  # noqa: F405

_key_file = BASE_DIR / ".dev-secret-key"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# runserver serves static files from the app folders; WhiteNoise does the same
# without needing collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

BILLING_ALLOW_FAKE_CERTIFIER = env_bool("BILLING_ALLOW_FAKE_CERTIFIER", True)
PAYMENTS_ALLOW_SANDBOX = env_bool("PAYMENTS_ALLOW_SANDBOX", True)
