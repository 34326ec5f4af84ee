"""Settings shared by every environment. Each deployment knob is read from the
environment; `.env.example` lists them all with a French comment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from . import page_cache, security_headers
from .env import env_bool, env_float, env_int, env_list, env_str, redis_url_with

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ENABLE_PAYMENTS = env_bool("ENABLE_PAYMENTS", False)

INSTALLED_APPS = [
    # "daphne" (its runserver): in dev.py and test.py only, see there.
    # project apps
    "core",  # before django_q: its qcluster stops within Q_STOP_GRACE
    "accounts",
    "home",
    "simulator",
    "campaigns",
    "broadcasting",
    "editorial",
    "billing",
    "payments",
    "reports",
    "notifications",
    "conversations",
    "assistant",
    # wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.wagtail_apps.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    # third party
    "channels",
    "django_q",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_tailwind",
    # django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
] + page_cache.FRONTEND_CACHE_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.page_cache.PageCacheMiddleware",  # public pages for anonymous visitors
    "bf1portal.middleware.PermissionsPolicyMiddleware",
    "bf1portal.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bf1portal.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "bf1portal.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # axes last so that it sees the response of the login views
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bf1portal.urls"
WSGI_APPLICATION = "bf1portal.wsgi.application"
ASGI_APPLICATION = "bf1portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
# Bounded PostgreSQL connections (docs/deployment.md, "Connexions") : each web
# process keeps a psycopg pool of at most DB_POOL_MAX_SIZE connections (0: no pool,
# one connection per request), and lets at most ASGI_MAX_CONCURRENT_REQUESTS
# requests run their view at once (the others wait their turn without holding a
# thread). The django-q2 worker never uses the pool (core's qcluster).
DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(env_int("DB_POOL_MIN_SIZE", 2), DB_POOL_MAX_SIZE),
        "max_size": DB_POOL_MAX_SIZE,
        # Seconds a request waits for a free connection before it fails.
        "timeout": env_int("DB_POOL_TIMEOUT", 20),
    }
ASGI_MAX_CONCURRENT_REQUESTS = env_int("ASGI_MAX_CONCURRENT_REQUESTS", DB_POOL_MAX_SIZE)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, channel layer and task broker (Redis when REDIS_URL is set) -------
REDIS_URL = env_str("REDIS_URL")
# A dead Redis must not stall each request: short client timeouts (seconds). The
# cache degrades to a miss on any Redis error (core/cache.py) and leaves Redis
# alone for REDIS_RETRY_AFTER seconds after a failure; the broker and the channel
# layer get the same connect timeout (their reads block longer by design).
REDIS_TIMEOUT = env_float("REDIS_TIMEOUT", 0.5)
REDIS_RETRY_AFTER = env_float("REDIS_RETRY_AFTER", 5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bf1",
            "RETRY_AFTER": REDIS_RETRY_AFTER,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_connect_timeout": REDIS_TIMEOUT}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Seconds a task still running may take to finish once the worker is asked to stop.
Q_STOP_GRACE = env_int("Q_STOP_GRACE", 5)
Q_CLUSTER = {
    "name": "bf1portal",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 600,
    "retry": 720,
    "max_attempts": 3,
    "ack_failures": True,
    "save_limit": 1000,
    "catch_up": False,
    "label": "Tâches de fond",
}
if REDIS_URL:
    # A worker blocks up to 1 s reading the queue: its socket timeout stays above that.
    Q_CLUSTER["redis"] = redis_url_with(
        REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=max(REDIS_TIMEOUT, 5)
    )
else:
    Q_CLUSTER["orm"] = "default"

# --- Authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
EMAIL_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3

# Login throttling (django-axes): 5 failures within 15 minutes lock the
# account + address pair for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Failures counted and locks checked for the address as the login matches it (stripped,
# lower case): "X@Example.com " shares the tries of "x@example.com".
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.auth.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address is REMOTE_ADDR: behind nginx, bf1portal/wsgi.py (gunicorn) and
# daphne (--proxy-headers) take it from the X-Forwarded-For nginx overwrites.

# Contact and password-reset sends per client address in 10 minutes and per e-mail
# in an hour (0: no limit; past them a 429 page); warnings an hour to the owner of an
# address someone tries to register again (accounts/ratelimit.py).
CONTACT_RATE_PER_ADDRESS = env_int("CONTACT_RATE_PER_ADDRESS", 5)
CONTACT_RATE_PER_EMAIL = env_int("CONTACT_RATE_PER_EMAIL", 3)
PASSWORD_RESET_RATE_PER_ADDRESS = env_int("PASSWORD_RESET_RATE_PER_ADDRESS", 5)
PASSWORD_RESET_RATE_PER_EMAIL = env_int("PASSWORD_RESET_RATE_PER_EMAIL", 3)
REGISTRATION_NOTICE_PER_EMAIL = env_int("REGISTRATION_NOTICE_PER_EMAIL", 3)

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Ouagadougou"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PROFILE_PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Chunked spot uploads in progress: outside MEDIA_ROOT, never served by the web server.
CHUNKED_UPLOAD_DIR = Path(
    env_str("CHUNKED_UPLOAD_DIR", str(BASE_DIR / "private_media" / "uploads-tmp"))
)
SPOT_VIDEO_MAX_BYTES = env_int("SPOT_VIDEO_MAX_BYTES", 1024 * 1024 * 1024)
SPOT_IMAGE_MAX_BYTES = env_int("SPOT_IMAGE_MAX_BYTES", 20 * 1000 * 1000)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible media storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("S3_BUCKET")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("S3_REGION") or None
    AWS_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

# --- E-mail -------------------------------------------------------------------
# Every message is stored and sent by a django-q2 task (retries, delivery
# state); EMAIL_DELIVERY_BACKEND is what that task finally uses.
EMAIL_BACKEND = "notifications.email_backend.QueuedEmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_DELIVERY_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "BF1 Pub <no-reply@bf1.bf>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# nginx `internal` location that sends private media after Django's permission
# check (X-Accel-Redirect); empty: Django streams the file itself.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT")
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5)
EMAIL_RETRY_DELAY_SECONDS = env_int("EMAIL_RETRY_DELAY_SECONDS", 60)
# The outbox sweeper (every 5 minutes) enqueues again an e-mail or SMS still
# queued, or claimed by a worker, this many minutes later; a failed one is tried
# again every OUTBOX_FAILED_RETRY_MINUTES for OUTBOX_FAILED_RETRY_HOURS after
# its creation, then left failed (notifications/outbox.py).
OUTBOX_STALE_MINUTES = env_int("OUTBOX_STALE_MINUTES", 10)
OUTBOX_FAILED_RETRY_MINUTES = env_int("OUTBOX_FAILED_RETRY_MINUTES", 60)
OUTBOX_FAILED_RETRY_HOURS = env_int("OUTBOX_FAILED_RETRY_HOURS", 24)
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS")

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "BF1 Pub"
# No request to gravatar.com: avatars come from the user photo (accounts/wagtail_hooks.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "accounts:login"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Renditions of spot images and posters go to the private spots/ folder, not the
# public images/ one (docs/decisions/0011-private-spot-media.md).
WAGTAILIMAGES_RENDITION_STORAGE = "campaigns.spot_files.RenditionStorage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILMEDIA = {"MEDIA_MODEL": "wagtailmedia.Media"}

# --- Simulator ----------------------------------------------------------------
# Requests per minute and per address to the public quote API (0: no limit).
SIMULATOR_API_RATE_PER_MINUTE = env_int("SIMULATOR_API_RATE_PER_MINUTE", 120)
# Lookups of /verify/<code>/ (broadcast certificates) per address and minute.
CERTIFICATE_VERIFY_RATE_PER_MINUTE = env_int("CERTIFICATE_VERIFY_RATE_PER_MINUTE", 20)

# --- Reports -------------------------------------------------------------------
# An export of more lines than this runs as a django-q2 job (progress shown,
# file kept 24 h for its requester); a smaller one downloads at once.
REPORTS_SYNC_EXPORT_MAX_ROWS = env_int("REPORTS_SYNC_EXPORT_MAX_ROWS", 10_000)
# A running export job silent (no heartbeat) this many minutes, or a queued one no
# worker took for the second figure, is failed by the sweeper (reports/sweeper.py).
REPORTS_EXPORT_STALL_MINUTES = env_int("REPORTS_EXPORT_STALL_MINUTES", 10)
REPORTS_EXPORT_QUEUE_STALL_MINUTES = env_int("REPORTS_EXPORT_QUEUE_STALL_MINUTES", 30)

# --- Forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "tailwind"
CRISPY_TEMPLATE_PACK = "tailwind"

# --- Security defaults (tightened in production.py) ---------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"

# --- Content-Security-Policy and Permissions-Policy --------------------------------
# bf1portal/settings/security_headers.py, docs/decisions/0010-content-security-policy.md.
_csp_site = security_headers.site_directives(
    SITE_URL,
    # Media served by another origin (CDN): CSP_MEDIA_SOURCES; the S3 bucket is added.
    security_headers.media_origins(
        env_list("CSP_MEDIA_SOURCES"),
        bucket=AWS_STORAGE_BUCKET_NAME,
        endpoint_url=env_str("S3_ENDPOINT_URL"),
        region=env_str("S3_REGION"),
    ),
    report_uri=env_str("CSP_REPORT_URI"),
)
# The Wagtail admin's own, laxer policy (bf1portal.middleware.SiteCSPMiddleware).
ADMIN_CONTENT_SECURITY_POLICY_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": security_headers.admin_directives(_csp_site)}
# CSP_REPORT_ONLY=1: browsers report what the policy would block and block nothing
# (to try a policy change in production first). Tests always enforce it.
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_site}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_site}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
PERMISSIONS_POLICY = security_headers.PERMISSIONS_POLICY
# No request from the admin to releases.wagtail.org (connect-src 'self'): upgrades
# follow docs/upgrading.md.
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Billing: the test certifier of invoices (fake FEC codes) only where allowed.
BILLING_ALLOW_FAKE_CERTIFIER = env_bool("BILLING_ALLOW_FAKE_CERTIFIER", False)
from .asrun import *  # noqa: E402, F403 (as-run import: inbox, limits, tolerance)
from .conversations import *  # noqa: E402, F403 (conversations: abuse limits, reminders)
from .editorial import *  # noqa: E402, F403 (crew missions, SMS gateway)
from .page_cache import *  # noqa: E402, F403 (whole-page cache of public pages)
from .payments import *  # noqa: E402, F403 (online payment of invoices: off unless enabled)
