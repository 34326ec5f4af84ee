"""Settings of the whole-page cache of public pages (core/page_cache.py, issue 16),
read from the environment; imported by base.py."""

from .env import env_int, env_str

# Seconds Django's cache keeps a public page rendered for anonymous visitors (0: not
# kept). Publishing a page, changing the rate card or a site setting replaces every
# kept page at once, so this only bounds what a change made elsewhere could leave.
# Without Redis each process keeps its own pages and only the process that made the
# change forgets them: a minute then, as long as browsers keep them.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if env_str("REDIS_URL") else 60)
# Cache-Control of those pages: browsers keep them PAGE_CACHE_MAX_AGE seconds, a shared
# cache (nginx, a CDN) PAGE_CACHE_SHARED_MAX_AGE (s-maxage). Editors are told that a
# change shows within a minute: raise the second only with a purge URL below.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 60)

# Front cache purge (wagtail.contrib.frontend_cache, HTTP PURGE requests): the address
# of the cache itself, reached directly (e.g. http://127.0.0.1:8080). Empty: no purge,
# the front cache forgets a page after PAGE_CACHE_SHARED_MAX_AGE.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")
FRONTEND_CACHE_APPS = ["wagtail.contrib.frontend_cache"] if FRONTEND_CACHE_PURGE_URL else []
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
