"""Content-Security-Policy and Permissions-Policy on every page, and templates that
the policy can run: no inline script without a nonce, no on*= attribute, Alpine
expressions that its CSP build evaluates (docs/decisions/0010-content-security-policy.md).

The browser journeys (tests/e2e/) run the same policy in Chromium and fail on any
violation; this file checks the headers and the templates without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from bf1portal.middleware import PermissionsPolicyMiddleware, SiteCSPMiddleware
from bf1portal.settings.security_headers import media_origins, websocket_origin

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
CSP_RO = "Content-Security-Policy-Report-Only"


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def assert_site_policy(policy: dict[str, list[str]]) -> None:
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["font-src"] == ["'self'"]
    assert "'self'" in policy["connect-src"]


def assert_permissions_policy(response) -> None:
    header = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


@pytest.mark.parametrize(
    "persona_name, url",
    [
        ("anonymous", "/"),
        ("anonymous", "/login/"),
        ("anonymous", "/register/"),
        ("advertiser_a", "/campaigns/"),
        ("advertiser_a", "/notifications/"),
        ("advertiser_a", "/profile/"),
        ("broadcaster", "/diffusion/"),
    ],
)
def test_site_pages_carry_the_strict_policy(client_as, persona_name, url):
    response = client_as(persona_name).get(url)

    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    assert_site_policy(directives(response[CSP]))
    assert_permissions_policy(response)


@pytest.mark.parametrize("url", ["/admin/", "/admin/editorial/"])
def test_wagtail_admin_has_its_own_policy(client_as, url):
    response = client_as("editorial").get(url, follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith("/admin/")
    policy = directives(response[CSP])
    # Relaxed for Wagtail's own inline scripts, its previews and upload previews...
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "blob:" in policy["img-src"]
    # ...and nothing else.
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert_permissions_policy(response)


@pytest.mark.parametrize("url", ["/healthz", "/admin/", "/no-such-page/"])
def test_every_response_carries_the_permissions_policy(client, url):
    response = client.get(url)

    assert_permissions_policy(response)
    assert CSP in response


# --- The middleware ------------------------------------------------------------------


def respond(path: str, *, use_nonce: bool = False) -> HttpResponse:
    request = RequestFactory().get(path)

    def view(request):
        body = f'<script nonce="{request.csp_nonce}">1</script>' if use_nonce else "ok"
        return HttpResponse(body)

    middleware = SiteCSPMiddleware(view)
    return middleware(request)


def test_a_page_that_uses_the_nonce_gets_it_in_script_src():
    response = respond("/campaigns/", use_nonce=True)

    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in directives(response[CSP])["script-src"]


def test_a_page_without_inline_script_gets_no_nonce():
    response = respond("/campaigns/")

    assert directives(response[CSP])["script-src"] == ["'self'"]


def test_the_admin_never_gets_a_nonce_that_would_switch_unsafe_inline_off():
    response = respond("/admin/pages/", use_nonce=True)

    assert directives(response[CSP])["script-src"] == ["'self'", "'unsafe-inline'"]


def test_report_only_mode_reports_the_same_policies_and_blocks_nothing():
    site = settings.CONTENT_SECURITY_POLICY
    with override_settings(CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=site):
        page = respond("/campaigns/")
        admin = respond("/admin/")

    assert CSP not in page and CSP not in admin
    assert_site_policy(directives(page[CSP_RO]))
    assert "'unsafe-inline'" in directives(admin[CSP_RO])["script-src"]


def test_permissions_policy_header_lists_the_features():
    with override_settings(PERMISSIONS_POLICY={"camera": [], "fullscreen": ["self"]}):
        middleware = PermissionsPolicyMiddleware(lambda request: HttpResponse("ok"))
        response = middleware(RequestFactory().get("/"))

    assert response["Permissions-Policy"] == "camera=(), fullscreen=(self)"


def test_websocket_origin_follows_the_site_scheme():
    assert websocket_origin("https://pub.bf1.bf") == "wss://pub.bf1.bf"
    assert websocket_origin("http://127.0.0.1:8000") == "ws://127.0.0.1:8000"


def test_media_origins_add_the_s3_bucket_and_the_cdn():
    cdn = ["https://cdn.bf1.bf"]

    assert media_origins(cdn) == cdn
    assert media_origins([], bucket="spots", endpoint_url="https://s3.fr-par.example") == [
        "https://s3.fr-par.example",
        "https://spots.s3.fr-par.example",
    ]
    assert media_origins(cdn, bucket="spots", region="eu-west-3") == [
        "https://cdn.bf1.bf",
        "https://spots.s3.amazonaws.com",
        "https://spots.s3.eu-west-3.amazonaws.com",
    ]


# --- The templates -------------------------------------------------------------------

TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
SCRIPT = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
ALPINE_ATTRIBUTE = re.compile(
    r"""\s(x-(?:data|init|show|text|html|model[.\w]*|effect|if|for|bind:[\w.-]+|on:[\w.:-]+)"""
    r"""|@[\w.:-]+|:[\w-]+)="([^"]*)\""""
)
# What Alpine's CSP build cannot evaluate (or forbids): functions, statements,
# optional chaining, template strings, globals.
ALPINE_FORBIDDEN = re.compile(
    r"=>|\bfunction\b|;|\?\.|`|\b(?:window|document|location|String|Number|JSON|Math|"
    r"console|setTimeout|clearTimeout|Object|Array|this)\b|\b(?:const|let|var|if|new)\s"
)
REGISTERED = re.compile(r"""Alpine\.data\(\s*["'](\w+)["']""")


def template_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    folders = [base / "templates"]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if base in path.parents and ".venv" not in path.parts:
            folders.append(path / "templates")
    return sorted(f for folder in folders if folder.is_dir() for f in folder.rglob("*.html"))


def registered_components() -> set[str]:
    names = set()
    for script in (Path(settings.BASE_DIR) / "static" / "js").glob("*.js"):
        names.update(REGISTERED.findall(script.read_text(encoding="utf-8")))
    return names


def problems_of(text: str, components: set[str]) -> list[str]:
    problems = []
    for tag in TAG.findall(text):
        if SCRIPT.match(tag) and "src=" not in tag and "nonce=" not in tag:
            problems.append(f"inline <script> without a nonce: {tag}")
        if HANDLER.search(tag[1:]):
            problems.append(f"on*= handler attribute: {tag[:120]}")
        if JAVASCRIPT_URL.search(tag):
            problems.append(f"javascript: URL: {tag[:120]}")
        for name, expression in ALPINE_ATTRIBUTE.findall(tag):
            if name == "x-data":
                if not re.fullmatch(r"\w+", expression.strip()):
                    problems.append(f'x-data must name a component: x-data="{expression}"')
                elif expression.strip() not in components:
                    problems.append(f"x-data names no Alpine.data component: {expression}")
            elif ALPINE_FORBIDDEN.search(expression):
                problems.append(f'expression the CSP build cannot run: {name}="{expression}"')
    return problems


def test_the_template_scan_finds_what_it_must():
    bad = (
        '<script>alert(1)</script><a href="javascript:go()">x</a>'
        '<button onclick="go()" @click="open = !open; other = 1">'
        '<div x-data="{ open: false }"><div x-data="unknownThing">'
        '<p x-text="String(count)"></p><p :class="item?.name">'
    )
    good = (
        '<script src="/static/js/a.js" defer></script>'
        '<script nonce="{{ request.csp_nonce }}">1</script>'
        '<div x-data="siteHeader" @click="toggleMenu()" :aria-expanded="expanded(\'menu\')"'
        ' x-on:change="changed($event)" data-on="1" :class="menu ? \'a\' : \'b\'">'
    )
    components = {"siteHeader"}

    assert len(problems_of(bad, components)) == 8
    assert problems_of(good, components) == []


def test_no_template_has_inline_script_handler_or_eval_only_alpine():
    components = registered_components()
    found = []
    for path in template_files():
        for problem in problems_of(path.read_text(encoding="utf-8"), components):
            found.append(f"{path.relative_to(settings.BASE_DIR)}: {problem}")

    assert template_files(), "no template found"
    assert found == [], "\n".join(found)
