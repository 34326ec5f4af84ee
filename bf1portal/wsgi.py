"""WSGI entry point: plain HTTP under gunicorn (sync workers, deploy/gunicorn.conf.py).

WebSockets go to daphne (bf1portal.asgi) on /ws/; nginx routes both
(deploy/nginx/, docs/decisions/0015-gunicorn-http-daphne-websocket.md). Around
Django, three small WSGI layers give what daphne's command line and the ASGI
wrappers give there:

- the visitor's address: nginx overwrites X-Forwarded-For with it; when the
  request comes from a trusted proxy (FORWARDED_ALLOW_IPS, gunicorn's own
  variable: "127.0.0.1,::1" by default, "*" in the container where only nginx
  reaches gunicorn), REMOTE_ADDR becomes its first address, as daphne
  --proxy-headers does (the login lock-out and the throttles count by REMOTE_ADDR);
- an address (path + query string) over MAX_URL_BYTES gets the short French 414
  page of bf1portal.url_guard before Django (gunicorn itself refuses a request
  line over 8 190 bytes, limit_request_line);
- POST /api/simulator/quote/ skips the middleware stack, as the ASGI fast lane
  does (simulator/fastlane.py, docs/decisions/0006-quote-api-fast-lane.md): the
  same code, throttle and headers, about half the CPU of the full stack."""

from __future__ import annotations

import ipaddress
import json
import logging
import os
from http import HTTPStatus
from http.cookies import SimpleCookie

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.production")

django_wsgi_app = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.http.request import split_domain_port, validate_host  # noqa: E402
from django.utils import translation  # noqa: E402

from bf1portal.url_guard import MAX_URL_BYTES, too_long_page  # noqa: E402
from core.throttle import allow_address  # noqa: E402
from simulator import selectors as simulator_selectors  # noqa: E402
from simulator.api import (  # noqa: E402
    RETRY_AFTER_SECONDS,
    load_current_card,
    quote_result,
    too_many_result,
)
from simulator.fastlane import QUOTE_PATH  # noqa: E402

logger = logging.getLogger(__name__)


def trusted_proxies(value: str | None) -> tuple[bool, list]:
    """(everyone trusted, networks) from a FORWARDED_ALLOW_IPS value."""
    value = "127.0.0.1,::1" if value is None else value
    networks = []
    for item in value.split(","):
        item = item.strip()
        if item == "*":
            return True, []
        if item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                continue  # gunicorn accepts only addresses and networks either
    return False, networks


class ProxyHeaders:
    """REMOTE_ADDR from X-Forwarded-For (its first address) when the peer is a
    trusted proxy; the peer's own address otherwise."""

    def __init__(self, app, allow: str | None = None):
        self.app = app
        source = allow if allow is not None else os.environ.get("FORWARDED_ALLOW_IPS")
        self.everyone, self.networks = trusted_proxies(source)

    def trusted(self, peer: str) -> bool:
        if self.everyone:
            return True
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False  # a Unix socket: no address to trust
        return any(address in network for network in self.networks)

    def __call__(self, environ, start_response):
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and self.trusted(environ.get("REMOTE_ADDR", "")):
            first = forwarded.split(",")[0].strip()
            if first:
                environ["REMOTE_ADDR"] = first
        return self.app(environ, start_response)


def url_length(environ) -> int:
    """Bytes of the address as sent: gunicorn's RAW_URI, else path + query."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        return len(raw.encode("latin-1", "replace"))
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    return len(path.encode("latin-1", "replace")) + (len(query) + 1 if query else 0)


class LongUrlGuard:
    """The WSGI twin of bf1portal.url_guard.LongUrlGuard: 414 over `max_bytes`."""

    def __init__(self, app, max_bytes: int | None = None):
        self.app = app
        self.max_bytes = max_bytes or getattr(settings, "MAX_URL_BYTES", MAX_URL_BYTES)

    def __call__(self, environ, start_response):
        if url_length(environ) <= self.max_bytes:
            return self.app(environ, start_response)
        body = too_long_page()
        start_response(
            "414 Request-URI Too Long",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Content-Language", settings.LANGUAGE_CODE),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]


class QuoteFastLane:
    """The WSGI twin of simulator.fastlane.QuoteFastLane: answers POST
    /api/simulator/quote/ with simulator.api.quote_result, everything else goes
    to Django unchanged."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if (
            environ.get("PATH_INFO") != QUOTE_PATH
            or environ.get("REQUEST_METHOD") != "POST"
            or not self.host_allowed(environ)  # Django answers 400 to a bad Host
        ):
            return self.app(environ, start_response)
        language = settings.LANGUAGE_CODE
        try:
            language = self.language(environ)
            return self.answer(environ, start_response, language)
        except Exception:
            logger.exception("Quote fast lane failed")
            with translation.override(settings.LANGUAGE_CODE):
                message = translation.gettext("An internal error occurred. Try again later.")
            return self.send(start_response, {"errors": {"__all__": [message]}}, 500, language)

    @staticmethod
    def host_allowed(environ) -> bool:
        domain, _port = split_domain_port(environ.get("HTTP_HOST", ""))
        return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)

    @staticmethod
    def language(environ) -> str:
        cookie = SimpleCookie()
        try:
            cookie.load(environ.get("HTTP_COOKIE", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header means "no choice"
            return settings.LANGUAGE_CODE
        morsel = cookie.get(settings.LANGUAGE_COOKIE_NAME)
        if morsel is not None and morsel.value in {code for code, _name in settings.LANGUAGES}:
            return morsel.value
        return settings.LANGUAGE_CODE

    def answer(self, environ, start_response, language: str):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            with translation.override(language):
                data = {"errors": {"__all__": [translation.gettext("Request too large.")]}}
            return self.send(start_response, data, 413, language)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        extra = []
        hsts = getattr(settings, "SECURE_HSTS_SECONDS", 0)
        secure = (
            environ.get("wsgi.url_scheme") == "https"
            or environ.get("HTTP_X_FORWARDED_PROTO") == "https"
        )
        if hsts and secure:
            value = f"max-age={hsts}"
            if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
                value += "; includeSubDomains"
            if getattr(settings, "SECURE_HSTS_PRELOAD", False):
                value += "; preload"
            extra.append(("Strict-Transport-Security", value))
        if not allow_address(environ.get("REMOTE_ADDR", ""), scope="simulator"):
            with translation.override(language):
                data, status = too_many_result()
            extra.append(("Retry-After", str(RETRY_AFTER_SECONDS)))
            return self.send(start_response, data, status, language, extra)
        card = simulator_selectors.remembered_pricing_data() or load_current_card()
        with translation.override(language):
            data, status = quote_result(body, card)
        return self.send(start_response, data, status, language, extra)

    @staticmethod
    def send(start_response, data, status: int, language: str, extra=()):
        payload = json.dumps(data, ensure_ascii=False).encode()
        start_response(
            f"{status} {HTTPStatus(status).phrase}",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
                ("Content-Language", language),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "same-origin"),
                ("X-Frame-Options", "DENY"),
                *extra,
            ],
        )
        return [payload]


application = ProxyHeaders(LongUrlGuard(QuoteFastLane(django_wsgi_app)))
