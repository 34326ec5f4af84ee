"""Test settings: fast hasher, in-memory cache, plain static storage, tasks run
synchronously."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, Q_CLUSTER
from .env import env_str

DEBUG = False
# daphne's runserver, as in dev.py (the browser journeys run daphne's server).
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]  # noqa: F405
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One plain connection per test thread (the pool is measured by bench/load_diffusion.py).
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
ASGI_MAX_CONCURRENT_REQUESTS = 0
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
Q_CLUSTER.pop("redis", None)
Q_CLUSTER["orm"] = "default"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env_str(
    "TEST_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / f"bf1portal-test-media-{os.getpid()}")
)
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"

# No collected static files in tests: WhiteNoise reads the app folders instead.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

BILLING_ALLOW_FAKE_CERTIFIER = True
PAYMENTS_ALLOW_SANDBOX = True
