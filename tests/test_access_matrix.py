"""Who may open what: every URL pattern of the project, walked from the resolver,
checked as each persona against the declared table below.

A route that the resolver knows but the table does not declare fails
`test_every_route_is_declared`: when you add a route, declare who may open it in
ACCESS (project routes, walked for every persona) or, for a third-party area, in
WHOLESALE with a few representative URLs."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from notifications import services as notification_services
from simulator.demo import ensure_demo_rate_card

PERSONAS = [
    "anonymous",
    "advertiser_a",
    "advertiser_b",
    "broadcaster",
    "editorial",
    "administrator",
]
SIGNED_IN = PERSONAS[1:]

OK = "ok"  # 200
LOGIN = "login"  # 302 to a login page
REDIRECT = "redirect"  # 302 anywhere else
FORBIDDEN = "forbidden"  # 403
NOT_ALLOWED = "405"
NOT_FOUND = "404"
BAD_REQUEST = "400"

LOGIN_PATHS = {"/login/", "/admin/login/"}


def outcomes(default: str | None = None, **per_persona: str) -> dict[str, str]:
    """{persona: outcome}: `default` for everyone, then the exceptions."""
    table = dict.fromkeys(PERSONAS, default)
    table.update(per_persona)
    missing = [persona for persona, outcome in table.items() if outcome is None]
    assert not missing, f"no outcome for {missing}"
    return table


def signed_in_only(outcome: str, **per_persona: str) -> dict[str, str]:
    return outcomes(outcome, anonymous=LOGIN, **per_persona)


def only(allowed: list[str], outcome: str = OK) -> dict[str, str]:
    """Open to the `allowed` personas; 403 to the other signed-in ones."""
    return outcomes(FORBIDDEN, anonymous=LOGIN, **dict.fromkeys(allowed, outcome))


@dataclass
class World:
    """Objects the URLs point at, all owned by advertiser_a."""

    notification: object
    photo: str  # advertiser_a's profile photo, relative to MEDIA_ROOT
    campaign: object = None  # advertiser_a's draft campaign (spot upload routes)


@dataclass
class Rule:
    get: dict[str, str]
    post: dict[str, str] | None = None
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    # Called after the POST as (persona name, world) to check its effect.
    after_post: Callable[[str, World], None] | None = None
    # A JSON body for the POST (an API), instead of an empty form.
    post_json: dict | None = None


def own_photo(world: World) -> dict:
    return {"path": world.photo}


def upload_campaign(world: World) -> dict:
    return {"uuid": world.campaign.uuid}


def unknown_upload(world: World) -> dict:
    return {"uuid": world.campaign.uuid, "upload_id": "0" * 32}


def notification_pk(world: World) -> dict:
    return {"pk": world.notification.pk}


def only_the_owner_marks_read(persona: str, world: World) -> None:
    world.notification.refresh_from_db()
    assert world.notification.is_read is (persona == "advertiser_a"), "IDOR on mark_read"


def all_read_only_for_own(persona: str, world: World) -> None:
    world.notification.refresh_from_db()
    assert world.notification.is_read is (persona == "advertiser_a")


def signed_out(persona: str, world: World) -> None:
    """Checked by the test through the session (see test_project_route)."""


# A valid quote request on the demo rate card (see the `world` fixture).
QUOTE_REQUEST = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [{"band": "prime-time", "airings": 10}],
}


# --- Project routes: walked for every persona ------------------------------------
ACCESS: dict[str, Rule] = {
    "healthz": Rule(get=outcomes(OK), post=outcomes(NOT_ALLOWED)),
    "home": Rule(get=outcomes(OK)),
    # uploaded files: a profile photo reaches its owner and the administrators only
    "private_media": Rule(
        get=outcomes(NOT_FOUND, advertiser_a=OK, administrator=OK),
        post=outcomes(NOT_ALLOWED),
        kwargs=own_photo,
    ),
    # accounts
    "accounts:login": Rule(get=outcomes(REDIRECT, anonymous=OK)),
    "accounts:logout": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(REDIRECT), after_post=signed_out
    ),
    "accounts:home": Rule(get=signed_in_only(REDIRECT)),
    "accounts:register": Rule(get=outcomes(REDIRECT, anonymous=OK)),
    "accounts:confirm_email": Rule(
        get=outcomes(BAD_REQUEST), kwargs=lambda world: {"token": "forged.token:1abc:xyz"}
    ),
    "accounts:resend_confirmation": Rule(get=outcomes(OK)),
    "accounts:profile": Rule(get=signed_in_only(OK)),
    "accounts:password_reset": Rule(get=outcomes(OK)),
    "accounts:password_reset_done": Rule(get=outcomes(OK)),
    "accounts:password_reset_confirm": Rule(
        get=outcomes(OK),  # the page says the link is invalid
        kwargs=lambda world: {"uidb64": "MQ", "token": "bad-token"},
    ),
    "accounts:password_reset_complete": Rule(get=outcomes(OK)),
    # client area
    "campaigns:dashboard": Rule(get=only(["advertiser_a", "advertiser_b"])),
    # booking wizard and campaign pages (campaigns/views/): own campaigns only
    "campaigns:create": Rule(
        get=only(["advertiser_a", "advertiser_b"]),
        post=only(["advertiser_a", "advertiser_b"]),  # empty form: shown again with errors
    ),
    "campaigns:detail": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=outcomes(NOT_ALLOWED),
        kwargs=upload_campaign,
    ),
    "campaigns:edit": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},  # empty step 1: errors
        kwargs=upload_campaign,
    ),
    "campaigns:quote_pdf": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=outcomes(NOT_ALLOWED),
        kwargs=upload_campaign,
    ),
    "campaigns:cancel": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},
        kwargs=upload_campaign,
    ),
    "campaigns:duplicate": Rule(
        get=outcomes(NOT_ALLOWED),
        post=only(["advertiser_a"], REDIRECT) | {"advertiser_b": NOT_FOUND},
        kwargs=upload_campaign,
    ),
    # spot upload (campaigns/upload_urls.py): the campaign's advertiser only
    "campaigns:spot_upload:page": Rule(
        get=only(["advertiser_a"]) | {"advertiser_b": NOT_FOUND},
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no file
        kwargs=upload_campaign,
    ),
    "campaigns:spot_upload:start": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no size
        kwargs=upload_campaign,
    ),
    "campaigns:spot_upload:status": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        post=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:chunk": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a"], BAD_REQUEST) | {"advertiser_b": NOT_FOUND},  # no offset
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:finish": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        kwargs=unknown_upload,
    ),
    "campaigns:spot_upload:abort": Rule(
        get=only(["advertiser_a", "advertiser_b"], NOT_ALLOWED),
        post=only(["advertiser_a", "advertiser_b"], NOT_FOUND),  # unknown upload
        kwargs=unknown_upload,
    ),
    # planning dashboard
    "broadcasting:dashboard": Rule(get=only(["broadcaster", "administrator"])),
    # simulator API: public, throttled per address (a JSON POST prices a quote)
    "simulator:api_rate_card": Rule(get=outcomes(OK), post=outcomes(NOT_ALLOWED)),
    "simulator:api_quote": Rule(
        get=outcomes(NOT_ALLOWED), post=outcomes(OK), post_json=QUOTE_REQUEST
    ),
    # notifications
    "notifications:inbox": Rule(get=signed_in_only(OK)),
    "notifications:mark_read": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(REDIRECT),
        kwargs=notification_pk,
        after_post=only_the_owner_marks_read,
    ),
    "notifications:mark_all_read": Rule(
        get=signed_in_only(NOT_ALLOWED),
        post=signed_in_only(REDIRECT),
        after_post=all_read_only_for_own,
    ),
}


# --- Third-party areas: declared whole, checked on representative URLs ------------
@dataclass
class Area:
    description: str
    matches: Callable[[str, str], bool]  # (route, name) -> bool
    samples: list[tuple[str, dict[str, str]]]  # (URL or "name:<url name>", outcomes)


STAFF_ADMIN = outcomes(LOGIN, editorial=OK, administrator=OK)

WHOLESALE: list[Area] = [
    Area(
        "Wagtail admin (/admin/...)",
        lambda route, name: route.startswith("admin/"),
        [
            ("/admin/", STAFF_ADMIN),
            ("/admin/editorial/", STAFF_ADMIN),
            # Wagtail sends a staff member without the permission back to the dashboard.
            ("/admin/users/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            # The editorial desk has no page permissions: Wagtail sends it to the dashboard.
            ("/admin/pages/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            (
                "name:advertiser-listing",
                outcomes(LOGIN, editorial=REDIRECT, administrator=OK),
            ),
            # "Tarifs": rate cards and quote requests (simulator/viewsets.py).
            ("/admin/rate-cards/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            ("/admin/quote-requests/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            # "Campaigns" (campaigns/viewsets.py): the commercial team only.
            ("/admin/campaigns/review/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            ("/admin/campaigns/all/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            ("/admin/campaigns/spots/", outcomes(LOGIN, editorial=REDIRECT, administrator=OK)),
            (
                "/admin/campaigns/review/bulk-approve/",
                outcomes(LOGIN, editorial=REDIRECT, administrator=OK),
            ),
            (
                "/admin/campaigns/review/approve/999999/",
                outcomes(LOGIN, editorial=REDIRECT, administrator=NOT_FOUND),
            ),
            (
                "/admin/campaigns/pending-counts/",
                outcomes(LOGIN, editorial=FORBIDDEN, administrator=OK),
            ),
            ("/admin/login/", outcomes(OK, editorial=REDIRECT, administrator=REDIRECT)),
        ],
    ),
    Area(
        "Wagtail documents",
        lambda route, name: route.startswith("documents/"),
        [("/documents/999999/missing.pdf", outcomes(NOT_FOUND))],
    ),
    Area(
        "Wagtail front-end utilities (page privacy)",
        lambda route, name: route.startswith("_util/"),
        [("/_util/authenticate_with_password/999999/999999/", outcomes(NOT_FOUND))],
    ),
    Area(
        "Django i18n (language switch)",
        lambda route, name: route.startswith("i18n/"),
        [("/i18n/setlang/", outcomes(REDIRECT))],
    ),
    Area(
        "Wagtail page serving (catch-all)",
        lambda route, name: name == "wagtail_serve",
        [("/", outcomes(OK)), ("/cette-page-n-existe-pas/", outcomes(NOT_FOUND))],
    ),
]


# --- Walking the resolver ----------------------------------------------------------
@dataclass(frozen=True)
class Route:
    route: str
    name: str | None

    @property
    def key(self) -> str:
        return self.name or self.route


def walk(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            routes += walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            routes.append(Route(prefix + str(pattern.pattern), name))
    return routes


def area_of(route: Route) -> Area | None:
    for area in WHOLESALE:
        if area.matches(route.route, route.name):
            return area
    return None


def test_every_route_is_declared():
    undeclared = sorted(
        {f"{r.route!r} (name {r.name!r})" for r in walk() if r.key not in ACCESS and not area_of(r)}
    )
    assert not undeclared, (
        "Routes without a declared access rule: declare them in ACCESS in "
        "tests/test_access_matrix.py:\n  " + "\n  ".join(undeclared)
    )


def test_no_declared_route_is_stale():
    keys = {route.key for route in walk()}
    stale = sorted(set(ACCESS) - keys)
    assert not stale, f"ACCESS declares routes the project no longer has: {stale}"


def test_every_wholesale_area_still_exists():
    routes = walk()
    empty = [a.description for a in WHOLESALE if not any(area_of(r) is a for r in routes)]
    assert not empty, f"WHOLESALE areas matching no route: {empty}"


def test_project_routes_are_not_hidden_in_wholesale_areas():
    project_prefixes = ("login/", "logout/", "register/", "profile/", "password-reset/")
    project_prefixes += ("campaigns/", "diffusion/", "notifications/", "healthz")
    hidden = [r for r in walk() if area_of(r) and r.route.startswith(project_prefixes)]
    assert not hidden


# --- The walk itself ---------------------------------------------------------------
@pytest.fixture
def world(advertiser_a, advertiser_b, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (220, 38, 38)).save(buffer, format="PNG")
    advertiser_a.photo.save("awa.png", ContentFile(buffer.getvalue()))
    notification = notification_services.notify(recipient=advertiser_a, title="Campagne reçue")
    cache.clear()  # the simulator API's throttle counts in the cache
    ensure_demo_rate_card()
    from campaigns.tests.factories import CampaignFactory

    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads-tmp")
    upload_campaign = CampaignFactory(user=advertiser_a)
    return World(notification=notification, photo=advertiser_a.photo.name, campaign=upload_campaign)


def check(response, outcome: str, what: str) -> None:
    status = response.status_code
    location = response.get("Location", "")
    context = f"{what}: got {status} {location}"
    if outcome == OK:
        assert status == 200, context
    elif outcome == LOGIN:
        assert status == 302, context
        assert urlparse(location).path in LOGIN_PATHS, context
    elif outcome == REDIRECT:
        assert status in (301, 302), context
        assert urlparse(location).path not in LOGIN_PATHS, context
    elif outcome == FORBIDDEN:
        assert status == 403, context
    elif outcome == NOT_ALLOWED:
        assert status == 405, context
    elif outcome == NOT_FOUND:
        assert status == 404, context
    elif outcome == BAD_REQUEST:
        assert status == 400, context
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"unknown outcome {outcome!r}")


def sign_in(client, request, persona: str):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", sorted(ACCESS))
def test_project_route(client, request, world, key, persona):
    rule = ACCESS[key]
    url = reverse(key, kwargs=rule.kwargs(world))
    user = sign_in(client, request, persona)

    check(client.get(url), rule.get[persona], f"GET {url} as {persona}")
    if rule.post is None:
        return
    if rule.post_json is not None:
        response = client.post(url, json.dumps(rule.post_json), content_type="application/json")
    else:
        response = client.post(url)
    check(response, rule.post[persona], f"POST {url} as {persona}")
    if rule.after_post is not None:
        rule.after_post(persona, world)
    if rule.after_post is signed_out and user is not None:
        assert "_auth_user_id" not in client.session


def wholesale_cases():
    for area in WHOLESALE:
        for url, table in area.samples:
            for persona in PERSONAS:
                yield pytest.param(url, table[persona], persona, id=f"{url}-{persona}")


def resolve_sample(url: str) -> str | None:
    """A sample URL, or "name:..." for one found in the resolver by its name."""
    if not url.startswith("name:"):
        return url
    if url == "name:advertiser-listing":
        # The Advertiser listing of the Wagtail admin (a ModelViewSet or a snippet).
        for route in walk():
            name = route.name or ""
            if "advertiser" in name and name.rsplit(":", 1)[-1] in ("index", "list"):
                return reverse(name)
        return None
    raise AssertionError(f"unknown sample {url}")


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "outcome", "persona"), list(wholesale_cases()))
def test_wholesale_sample(client, request, url, outcome, persona):
    concrete = resolve_sample(url)
    if concrete is None:
        pytest.skip(f"{url} is not in this project yet")
    sign_in(client, request, persona)
    check(client.get(concrete), outcome, f"GET {concrete} as {persona}")
