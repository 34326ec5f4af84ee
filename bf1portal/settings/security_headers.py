"""The Content-Security-Policy and Permissions-Policy of the portal, built from the
deployment's settings (docs/decisions/0010-content-security-policy.md).

django-csp 4 writes the header from CONTENT_SECURITY_POLICY;
bf1portal.middleware.SiteCSPMiddleware gives the Wagtail admin its own policy.
Scripts: our own files only (Alpine's CSP build, no eval) or an inline script
carrying the request's nonce (nonce="{{ request.csp_nonce }}"); never an on*=
attribute. Styles keep 'unsafe-inline': templates and the Wagtail admin write
style="" attributes and <style> blocks, and a nonce would switch that off."""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE


def websocket_origin(site_url: str) -> str:
    """ws(s):// of the site, for browsers whose 'self' does not cover WebSockets."""
    site = urlsplit(site_url)
    return f"{'wss' if site.scheme == 'https' else 'ws'}://{site.netloc}"


def media_origins(
    extra: list[str], *, bucket: str = "", endpoint_url: str = "", region: str = ""
) -> list[str]:
    """Where uploaded images and videos come from when the site does not serve
    them: `extra` (CSP_MEDIA_SOURCES: a CDN) and the S3 bucket, path- or host-style."""
    origins = list(extra)
    if bucket and endpoint_url:
        endpoint = urlsplit(endpoint_url)
        origins += [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    elif bucket:
        origins.append(f"https://{bucket}.s3.amazonaws.com")
        if region:
            origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins


def site_directives(site_url: str, media: list[str], *, report_uri: str = "") -> dict:
    """The policy of the public site, the client area and /diffusion/."""
    directives = {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        # data: for the one image of Wagtail's userbar stylesheet (shown to editors)
        "img-src": [SELF, "data:", *media],
        "media-src": [SELF, *media],
        "font-src": [SELF],
        "connect-src": [SELF, websocket_origin(site_url)],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
    if report_uri:
        directives["report-uri"] = [report_uri]
    return directives


def admin_directives(site: dict) -> dict:
    """The Wagtail admin's: the site's policy except inline scripts (Wagtail 7.4's
    date/time widgets, inline panels and choosers write <script> blocks that cannot
    carry a nonce, so no nonce either: it would switch 'unsafe-inline' off), blob:
    images (upload previews) and frames from our own origin (the live preview)."""
    return {
        **site,
        "script-src": [SELF, UNSAFE_INLINE],
        "img-src": [*site["img-src"], "blob:"],
        "frame-ancestors": [SELF],
    }


# Browser features no page uses are switched off for the site and anything it frames;
# fullscreen stays for our own video players. Only features Chromium knows (it warns
# about any other, and the browser journeys fail on that warning).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
