"""Development settings: DEBUG on, SQLite and console e-mail unless the
environment says otherwise. The secret key is generated once per checkout and
kept in a git-ignored file, so no key lives in the repository."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)

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
