"""gunicorn settings of BF1 Pub: plain HTTP (WebSockets go to daphne on /ws/).

    gunicorn -c deploy/gunicorn.conf.py bf1portal.wsgi:application

Each value can be changed by an environment variable (.env), see
docs/deployment.md (« Monter en charge ») and
docs/decisions/0015-gunicorn-http-daphne-websocket.md."""

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Sync workers, one per core: a page is CPU work in Python (templates, ORM), the
# database answers in well under a millisecond, and nginx buffers slow clients'
# requests and responses, so a worker never waits on the network. WEB_CONCURRENCY
# raises it (2 × cores + 1 when the database is on another machine, for example).
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", _cores()))

# One request at a time per worker: one database connection is enough. The
# psycopg pool (PostgreSQL) keeps it open between requests.
os.environ.setdefault("DB_POOL_MIN_SIZE", "1")
os.environ.setdefault("DB_POOL_MAX_SIZE", "2")

# nginx reads a 1 GB video sent to the Wagtail admin before passing it on, and
# waits up to 600 s for the answer (deploy/nginx/server.conf): a worker busy that
# long with the media checks must not be killed before.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "600"))
graceful_timeout = 30

# GUNICORN_MAX_REQUESTS=N replaces a worker after about N requests (a slow memory
# leak never grows for long). Off by default: a new worker imports Django and
# Wagtail again (1 to 2 s of CPU) and serves its first pages slowly, which at the
# page cache's rate (several hundred pages a second) would happen every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

# The same address limit as nginx (8 KB request line, then 414): gunicorn's own
# ceiling is 8 190 bytes; bf1portal.wsgi answers 414 from 8 KB of address.
limit_request_line = 8190
limit_request_field_size = 8190

# X-Forwarded-Proto and X-Forwarded-For are trusted from these addresses
# (FORWARDED_ALLOW_IPS, also read by bf1portal.wsgi for the visitor's address).
# In the container only nginx reaches gunicorn: docker-compose.yml sets "*".
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "": no access log
errorlog = "-"
