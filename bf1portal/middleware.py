"""French first: the interface is in French unless the visitor chose English
with the language switch (cookie). The browser's Accept-Language is not used,
since many phones in Burkina Faso are set to English while their owners read
the station's French.

Also the security headers: the Content-Security-Policy (django-csp, with the
Wagtail admin's own policy) and the Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core.language import visitor_language


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = visitor_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The language comes from the cookie, never from Accept-Language: no
        # "Vary: Accept-Language", which would split a shared cache's copies of a
        # public page by every browser's language list for nothing.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, except that a request without a session cookie is anonymous
    without reading the session: reading it (for `user` in the templates) made
    Django send "Vary: Cookie" on every public page, which shared caches take
    as "do not keep" (issue 16). Signing in during the request still works
    (`login()` sets request.user itself)."""

    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return super().process_request(request)
        request.user = SimpleLazyObject(AnonymousUser)
        request.auser = _anonymous_user
        return None


async def _anonymous_user():
    return AnonymousUser()


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy.

    Under ADMIN_CONTENT_SECURITY_POLICY_PREFIXES the directives of
    ADMIN_CONTENT_SECURITY_POLICY replace the site's (for the enforced header, or
    the report-only one when CSP_REPORT_ONLY is on); a view decorated with
    django-csp's @csp(...) keeps its own policy. docs/decisions/0010-content-security-policy.md
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        base = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        if parts.config is None and getattr(settings, base, None) and is_admin_path(request):
            admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None) or {}
            if admin.get("DIRECTIVES"):
                parts.config = dict(admin["DIRECTIVES"])
        return parts


def is_admin_path(request) -> bool:
    prefixes = tuple(getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY_PREFIXES", ()) or ())
    return bool(prefixes) and request.path_info.startswith(prefixes)


def permissions_policy_header() -> str:
    """PERMISSIONS_POLICY ({"camera": [], "fullscreen": ["self"]}) as the header's
    value: camera=(), fullscreen=(self)."""
    policy = getattr(settings, "PERMISSIONS_POLICY", None) or {}
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header (PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header()

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
