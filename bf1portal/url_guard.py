"""ASGI guard: an address (path + query string) over MAX_URL_BYTES gets a short
French 414 page before Django sees it.

nginx answers 414 itself above 8 KB (deploy/nginx/server.conf,
large_client_header_buffers); this guard gives the same answer when daphne is
reached directly (development, a health check, a misconfigured proxy), and
spares Django's URL resolver, middleware and logs an address no page of the
portal ever builds. Past about 16 KB of request line and headers, daphne (its
HTTP parser, Twisted) refuses the request itself with a 400 before any ASGI
application runs. See docs/deployment.md."""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.utils import translation

# The longest address the portal accepts, in bytes of path and query string as
# sent (percent-encoded). The longest one it builds itself (a simulator link with
# every band and option) is well under 1 KB; nginx's request line limit is 8 KB.
MAX_URL_BYTES = 8192

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;\
color:#0F172A;background:#F8FAFC">
<h1 style="color:#B91C1C">{title}</h1>
<p>{text}</p>
<p><a href="/" style="color:#DC2626">{home}</a></p>
</body></html>
"""


def url_length(scope) -> int:
    """Bytes of the address as the client sent it: path and query string."""
    path = scope.get("raw_path")
    if not isinstance(path, bytes | bytearray):
        path = scope.get("path", "").encode("utf-8", "surrogateescape")
    query = scope.get("query_string") or b""
    return len(path) + (len(query) + 1 if query else 0)


def too_long_page() -> bytes:
    """The 414 page in the site's language (French)."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        return PAGE.format(
            lang=escape(language),
            title=escape(translation.gettext("Address too long")),
            text=escape(
                translation.gettext(
                    "The address of this page is too long to be read. "
                    "Go back and try again with a shorter search, or start again "
                    "from the home page."
                )
            ),
            home=escape(translation.gettext("Back to the home page")),
        ).encode("utf-8")


class LongUrlGuard:
    """Wraps an ASGI application; answers 414 to an HTTP request whose address
    is over `max_bytes`, passes everything else through unchanged."""

    def __init__(self, app, max_bytes: int | None = None):
        self.app = app
        self.max_bytes = max_bytes or getattr(settings, "MAX_URL_BYTES", MAX_URL_BYTES)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or url_length(scope) <= self.max_bytes:
            await self.app(scope, receive, send)
            return
        body = too_long_page()
        await send(
            {
                "type": "http.response.start",
                "status": 414,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"content-language", settings.LANGUAGE_CODE.encode()),
                    (b"cache-control", b"no-store"),
                    (b"x-content-type-options", b"nosniff"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
