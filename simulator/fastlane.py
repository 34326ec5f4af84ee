"""ASGI fast lane for POST /api/simulator/quote/.

The simulator asks for a quote on every change a visitor makes, so this endpoint
is the busiest of the site. It is public, stateless (no session, no cookie
written, no CSRF: it changes nothing) and needs none of Django's middleware, whose
sync/async hops cost several milliseconds per request under daphne. This
small ASGI app answers it directly with the same code as the Django view
(`simulator.api.quote_result`), the same throttle and the same headers, and
hands every other request to Django unchanged. See
docs/decisions/0006-quote-api-fast-lane.md."""

from __future__ import annotations

import json
import logging
from http.cookies import SimpleCookie

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils import translation

from core.throttle import allow_address

from . import selectors
from .api import RETRY_AFTER_SECONDS, load_current_card, quote_result, too_many_result

logger = logging.getLogger(__name__)

QUOTE_PATH = "/api/simulator/quote/"


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def _language(scope) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie"))
    except Exception:  # noqa: BLE001 - a malformed cookie header means "no choice"
        return settings.LANGUAGE_CODE
    morsel = cookie.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    if morsel is not None and morsel.value in supported:
        return morsel.value
    return settings.LANGUAGE_CODE


def _host_allowed(scope) -> bool:
    host = _header(scope, b"host")
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


class QuoteFastLane:
    def __init__(self, django_app):
        self.django_app = django_app

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] != "http"
            or scope.get("path") != QUOTE_PATH
            or scope.get("method") != "POST"
            or not _host_allowed(scope)  # Django answers 400 to a bad Host
        ):
            await self.django_app(scope, receive, send)
            return
        try:
            await self._answer(scope, receive, send)
        except Exception:
            logger.exception("Quote fast lane failed")
            with translation.override(settings.LANGUAGE_CODE):
                message = translation.gettext("An internal error occurred. Try again later.")
            await self._send(send, {"errors": {"__all__": [message]}}, 500, settings.LANGUAGE_CODE)

    async def _answer(self, scope, receive, send) -> None:
        language = _language(scope)
        body = b""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                with translation.override(language):
                    data = {"errors": {"__all__": [translation.gettext("Request too large.")]}}
                await self._send(send, data, 413, language)
                return
        client = scope.get("client") or ("", 0)
        extra = []
        hsts = getattr(settings, "SECURE_HSTS_SECONDS", 0)
        secure = scope.get("scheme") == "https" or _header(scope, b"x-forwarded-proto") == "https"
        if hsts and secure:
            value = f"max-age={hsts}"
            if getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
                value += "; includeSubDomains"
            if getattr(settings, "SECURE_HSTS_PRELOAD", False):
                value += "; preload"
            extra.append((b"strict-transport-security", value.encode()))
        if not allow_address(client[0], scope="simulator"):
            with translation.override(language):
                data, status = too_many_result()
            extra.append((b"retry-after", str(RETRY_AFTER_SECONDS).encode()))
            await self._send(send, data, status, language, extra)
            return
        card = selectors.remembered_pricing_data()
        if card is None:
            card = await sync_to_async(load_current_card)()
        with translation.override(language):
            data, status = quote_result(body, card)
        await self._send(send, data, status, language, extra)

    async def _send(self, send, data, status, language, extra=()) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"cache-control", b"max-age=0, no-cache, no-store, must-revalidate, private"),
            (b"content-language", language.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})
