"""Fuzz test of every public form and of the quote API (issue 12): random and
hostile values never get a 5xx.

Two passes over the same targets:

* a sweep, the same at every run: every field of a target gets each value of
  HOSTILE at once (100 KB strings, NUL bytes, Unicode digits, line breaks,
  impossible dates, markup…), then as a list (a repeated key), then in a
  multipart body whose values are not UTF-8;
* Hypothesis (derandomized, profile "bf1" of the root conftest): a few dozen
  mixes of those values and random text, field by field, and random JSON for the
  quote API.

A 5xx is shown with the target and the input that caused it. The client keeps
the exception as a 500 (`raise_request_exception=False`) so the whole sweep is
reported at once."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import Campaign, Status
from campaigns.tests.factories import CampaignFactory
from editorial.tests.intake_support import contact_answers, coverage_answers, event_answers
from home import demo as content
from home.models import ContactFormField, ContactPage, HomePage
from simulator.demo import ensure_demo_rate_card
from simulator.models import Offer, RateCardPage, SimulatorPage

pytestmark = pytest.mark.django_db

HOSTILE: list = [
    "",
    "x" * 100_000,
    "a\x00b",
    "²",
    "٣",
    "9" * 5000,
    "-1",
    "1e400",
    "Titre\r\nBcc: x@example.com",
    "\u2028\x85",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "../../../etc/passwd",
    "2026-02-30",
    "9999-12-31",
    "25:61",
    "🎬" * 500,
    "prime-time:²,matinee:" + "9" * 40,
]

# JSON values a scalar may be replaced with in the quote API.
JSON_HOSTILE: list = [
    "",
    "x" * 100_000,
    "a\x00b",
    "²",
    "9" * 5000,
    "Titre\r\nBcc: x",
    "2026-02-30",
    None,
    True,
    -1,
    10**40,
    1.5,
    1e308,
    [30],
    {"a": 1},
    [[[[[]]]]],
    [{"band": ["prime-time"], "airings": {"x": 1}}],
]

UTF8_BROKEN = [b"\xff\xfe", b"\xc3\x28", b"abc\xed\xa0\x80"]


# --- Targets ------------------------------------------------------------------------
@dataclass
class Target:
    """One public form (or endpoint): where it is, its fields, who uses it and
    how to reach the state it expects (`prepare`, before each request)."""

    name: str
    url: Callable[[dict], str]
    fields: list[str]
    method: str = "post"
    persona: str | None = None
    base: dict = field(default_factory=dict)
    prepare: Callable[[Client, dict], None] | None = None


def _coverage_to(step: int):
    def prepare(client, context):
        client.post(context["coverage"], {**event_answers(), "step": 1, "action": "next"})
        if step > 2:
            client.post(context["coverage"], {**contact_answers(), "step": 2, "action": "next"})
        if step > 3:
            client.post(context["coverage"], {**coverage_answers(), "step": 3, "action": "next"})

    return prepare


def _keep_draft(client, context):
    """Step 4 submits the draft when it is valid: make it a draft again."""
    Campaign.objects.filter(pk=context["draft"].pk).update(status=Status.DRAFT)


def _wizard_url(step: int):
    def url(context):
        return f"/campaigns/{context['draft'].uuid}/edit/?step={step}"

    return url


TARGETS = [
    Target(
        "registration",
        lambda c: "/register/",
        [
            "first_name",
            "last_name",
            "email",
            "phone",
            "company_name",
            "sector",
            "ifu",
            "rccm",
            "address",
            "password1",
            "password2",
            "accept_terms",
        ],
    ),
    Target("resend confirmation", lambda c: "/register/resend/", ["email"]),
    Target("login", lambda c: "/login/", ["username", "password", "next"]),
    Target("password reset", lambda c: "/password-reset/", ["email"]),
    Target(
        "contact",
        lambda c: c["contact"],
        ["nom", "email", "telephone", "objet", "message", "company_website"],
    ),
    *(
        Target(
            f"coverage step {step}",
            lambda c: c["coverage"],
            fields,
            base={"step": str(step), "action": "next"},
            prepare=_coverage_to(step) if step > 1 else None,
        )
        for step, fields in [
            (1, [*event_answers()]),
            (2, [*contact_answers()]),
            (3, [*coverage_answers()]),
            (4, ["confirmed", "attachments"]),
        ]
    ),
    Target(
        "coverage back",
        lambda c: c["coverage"],
        [*event_answers()],
        base={"step": "1", "action": "back"},
    ),
    Target("coverage step param", lambda c: c["coverage"], ["step"], method="get"),
    Target(
        "simulator page",
        lambda c: c["simulator"],
        ["spot_length", "start_date", "end_date", "bands", "options", "airings_prime-time"],
        method="get",
    ),
    Target(
        "quote request form",
        lambda c: c["quote_request"],
        ["name", "company", "email", "phone", "message", "website"],
    ),
    Target(
        "wizard create (step 1)",
        lambda c: "/campaigns/create/",
        ["title", "product", "sector", "objective", "languages", "target_audience", "key_message"],
        persona="advertiser",
        base={"step": "1"},
    ),
    Target(
        "wizard create prefill",
        lambda c: "/campaigns/create/",
        ["spot_length", "start_date", "end_date", "bands", "options"],
        method="get",
        persona="advertiser",
    ),
    Target(
        "wizard step 1",
        _wizard_url(1),
        ["title", "product", "sector", "objective", "languages", "target_audience", "key_message"],
        persona="advertiser",
        base={"step": "1"},
    ),
    Target(
        "wizard step 2",
        _wizard_url(2),
        [
            "start_date",
            "end_date",
            "spot_length",
            "options",
            "band",
            "airings_prime-time",
            "bands",
        ],
        persona="advertiser",
        base={"step": "2"},
    ),
    Target(
        "wizard step 3",
        _wizard_url(3),
        [
            "creative_mode",
            "spot",
            "brief_message",
            "brief_tone",
            "brief_languages",
            "brief_contacts",
            "brief_delivery_date",
        ],
        persona="advertiser",
        base={"step": "3"},
    ),
    Target(
        "wizard step 4", _wizard_url(4), ["accept_terms"], persona="advertiser", base={"step": "4"}
    ),
    Target("wizard step param", _wizard_url(1), ["step"], persona="advertiser"),
    Target(
        "campaign list filter",
        lambda c: "/campaigns/",
        ["q", "status", "start", "end", "archived", "page"],
        method="get",
        persona="advertiser",
    ),
    Target(
        "spot upload form",
        lambda c: f"/campaigns/{c['draft'].uuid}/upload/",
        ["replaces", "file"],
        persona="advertiser",
    ),
]


# --- The fixture: the public pages, an advertiser with a draft campaign ------------------
def build_public_pages() -> dict:
    """The demo rate card and the public pages holding forms (rate page,
    simulator, contact), built as `seed_demo` builds them but without the rest of
    the demo site (much quicker)."""
    ensure_demo_rate_card()
    home = HomePage.objects.first()
    pages = {}
    for model, data in [
        (RateCardPage, content.RATE_CARD_PAGE),
        (SimulatorPage, content.SIMULATOR_PAGE),
    ]:
        page = model.objects.first() or home.add_child(instance=model(**data))
        page.save_revision().publish()
        pages[model] = page
    contact = ContactPage.objects.first()
    if contact is None:
        data = content.CONTACT
        contact = ContactPage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            thank_you_text=data["thank_you_text"],
            subject=data["subject"],
            to_address="commercial@bf1.bf",
        )
        for order, (clean_name, label, field_type, required, choices, help_text) in enumerate(
            data["fields"]
        ):
            contact.form_fields.add(
                ContactFormField(
                    sort_order=order,
                    clean_name=clean_name,
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                )
            )
        home.add_child(instance=contact)
        contact.save_revision().publish()
    offer = Offer.objects.order_by("pk").first()
    return {
        "contact": contact.url,
        "simulator": pages[SimulatorPage].url,
        "quote_request": f"{pages[RateCardPage].url}devis/{offer.code}/",
        "coverage": "/coverage/request/",
    }


@pytest.fixture
def site(advertiser_a, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads")
    context = build_public_pages()
    context["draft"] = CampaignFactory(user=advertiser_a, status=Status.DRAFT)
    anonymous = Client(raise_request_exception=False)
    advertiser = Client(raise_request_exception=False)
    advertiser.force_login(advertiser_a)
    return {"context": context, "clients": {None: anonymous, "advertiser": advertiser}}


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:100]}…({len(text)} chars)"


def _prepare(client, context, target: Target) -> None:
    if target.persona == "advertiser":
        _keep_draft(client, context)
    if target.prepare is not None:
        target.prepare(client, context)


def send(site, target: Target, values: dict) -> tuple[int, str]:
    """Send `values` (field -> value or list of values) to `target`; (status,
    description of the input)."""
    cache.clear()  # throttles and lockouts count per minute: each input on its own
    client = site["clients"][target.persona]
    context = site["context"]
    _prepare(client, context, target)
    url = target.url(context)
    data = {**target.base, **values}
    if target.method == "get":
        separator = "&" if "?" in url else "?"
        response = client.get(url + separator + urlencode(data, doseq=True))
    else:
        response = client.post(url, data)
    described = {name: _short(value) for name, value in values.items()}
    return response.status_code, f"{target.name} {target.method.upper()} {url} {described}"


def send_raw_multipart(site, target: Target, raw: bytes) -> tuple[int, str]:
    """Every field of `target` as `raw` bytes (not UTF-8) in a multipart body."""
    cache.clear()
    client = site["clients"][target.persona]
    _prepare(client, site["context"], target)
    boundary = "FuzzBoundary7MA4YWxkTrZu0gW"
    parts = []
    for name, value in target.base.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name in target.fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + raw
            + b"\r\n"
        )
    # A file part whose name is not UTF-8 either.
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '.encode()
        + b'filename="'
        + raw
        + b'.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n'
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    url = target.url(site["context"])
    response = client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    return response.status_code, f"{target.name} multipart {url} every field = {raw!r}"


def assert_no_5xx(results: list[tuple[int, str]]) -> None:
    failures = [f"{status}: {described}" for status, described in results if status >= 500]
    assert not failures, "5xx answers:\n" + "\n".join(failures)


# --- The sweep ---------------------------------------------------------------------
def test_hostile_values_in_every_field_get_no_5xx(site):
    results = []
    for target in TARGETS:
        for value in HOSTILE:
            results.append(send(site, target, dict.fromkeys(target.fields, value)))
        # Arrays for scalars: every field repeated (two values), and a long list.
        results.append(send(site, target, dict.fromkeys(target.fields, ["1", "²"])))
        results.append(send(site, target, dict.fromkeys(target.fields, ["x"] * 1000)))
        if target.method == "post":
            for raw in UTF8_BROKEN:
                results.append(send_raw_multipart(site, target, raw))
    assert_no_5xx(results)


# --- Hypothesis: mixes, field by field ---------------------------------------------
scalar = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
field_value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=4))


@st.composite
def target_and_values(draw):
    target = draw(st.sampled_from(TARGETS))
    names = draw(st.lists(st.sampled_from(target.fields), unique=True, max_size=len(target.fields)))
    return target, {name: draw(field_value) for name in names}


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=target_and_values())
def test_random_mixes_get_no_5xx(site, case):
    target, values = case
    assert_no_5xx([send(site, target, values)])


# --- The quote API -----------------------------------------------------------------
QUOTE_URL = "/api/simulator/quote/"
PRIME = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [{"band": "prime-time", "airings": 10}],
    "options": [],
    "compare": True,
}


def post_quote(client, body: bytes) -> tuple[int, str]:
    cache.clear()
    response = client.post(QUOTE_URL, data=body, content_type="application/json")
    return response.status_code, f"quote API body {_short(body)}"


def test_quote_api_sweep_gets_no_5xx(site):
    client = site["clients"][None]
    results = []
    for name in PRIME:
        for value in JSON_HOSTILE:
            results.append(post_quote(client, json.dumps({**PRIME, name: value}).encode()))
    for value in JSON_HOSTILE:
        band = {"band": value, "airings": value}
        results.append(post_quote(client, json.dumps({**PRIME, "bands": [band]}).encode()))
        results.append(post_quote(client, json.dumps({**PRIME, "options": [value]}).encode()))
    for body in [
        b"[" * 1000,
        b'{"bands": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"a":' * 2000 + b"1" + b"}" * 2000,
        b"\x00",
        *UTF8_BROKEN,
        b'{"spot_length": NaN}',
        b'{"spot_length": Infinity, "bands": [{"band": "prime-time", "airings": -Infinity}]}',
        b'{"spot_length": 1' + b"0" * 5000 + b"}",
        b'{"start_date": "' + b"2" * 100_000 + b'"}',
        json.dumps([PRIME] * 100).encode(),
    ]:
        results.append(post_quote(client, body))
    assert_no_5xx(results)


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.sampled_from(HOSTILE),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
quote_payloads = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional=dict.fromkeys(PRIME, json_values)),
    st.builds(
        lambda name, value: {**PRIME, name: value}, st.sampled_from(list(PRIME)), json_values
    ),
)


@settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=quote_payloads)
def test_quote_api_random_json_gets_no_5xx(site, payload):
    body = json.dumps(payload).encode()
    assert_no_5xx([post_quote(site["clients"][None], body)])


# --- The spot upload's JSON API (the fields, not the file) -----------------------------
def test_spot_upload_api_sweep_gets_no_5xx(site):
    client = site["clients"]["advertiser"]
    uuid = site["context"]["draft"].uuid
    start, finish = f"/campaigns/{uuid}/upload/start/", f"/campaigns/{uuid}/upload/{'0' * 32}/"
    results = []

    def post(url: str, body: bytes, method: str = "post") -> None:
        response = getattr(client, method)(url, data=body, content_type="application/json")
        results.append((response.status_code, f"{method.upper()} {url} body {_short(body)}"))

    for value in JSON_HOSTILE:
        for payload in (
            {"filename": value, "size": 1000, "kind": "video"},
            {"filename": "spot.mp4", "size": value, "kind": value},
        ):
            post(start, json.dumps(payload).encode())
        post(finish + "finish/", json.dumps({"replaces": value}).encode())
    for body in [b"[" * 1000, b"\x00", *UTF8_BROKEN, b'{"size": NaN, "filename": "a.mp4"}']:
        post(start, body)
        post(finish + "finish/", body)
    for offset in ["²", "9" * 5000, "-1", "a\x00b", ""]:
        post(f"{finish}chunk/?{urlencode({'offset': offset})}", b"data", method="put")
    assert_no_5xx(results)
