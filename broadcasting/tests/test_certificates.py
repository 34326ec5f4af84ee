"""Broadcast certificates: the PDF per campaign or period, what it lists, its
record, and the public check /verify/<code>/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from broadcasting import certificate_pdf
from broadcasting.models import Airing, AiringStatus, BroadcastCertificate
from broadcasting.services import certificates
from core import pdf as core_pdf

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2026, 3, 2)
PERIOD_URL = reverse("broadcasts:period_certificate")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def book(make_breaks, approved_campaign, airing_in):
    """`book(user, statuses, first=FIRST_DAY)`: a campaign of `user` with one
    airing a day, of the given statuses in turn."""

    def make(user, statuses, first=FIRST_DAY, **campaign_kw):
        campaign = approved_campaign(user=user, start=first, days=len(statuses), **campaign_kw)
        breaks = make_breaks(first, days=len(statuses), times=(("prime-time", "19:30"),))
        airings = []
        for brk, status in zip(breaks, statuses, strict=True):
            extra = {}
            if status == AiringStatus.AIRED:
                extra["confirmed_at"] = brk.starts_at + dt.timedelta(seconds=42)
            airings.append(airing_in(brk, campaign, status=status, **extra))
        return campaign, airings

    return make


def campaign_url(campaign) -> str:
    return reverse("broadcasts:campaign_certificate", kwargs={"uuid": campaign.uuid})


def verify_url(code: str) -> str:
    return reverse("verify:certificate", kwargs={"code": code})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def french(msgid: str) -> str:
    with translation.override("fr"):
        return gettext(msgid)


# --- Issuing a campaign's certificate -------------------------------------------------
def test_campaign_certificate_is_a_pdf_of_the_aired_airings(client, advertiser_a, book):
    campaign, airings = book(
        advertiser_a,
        [AiringStatus.AIRED, AiringStatus.MISSED, AiringStatus.AIRED, AiringStatus.PLANNED],
    )
    client.force_login(advertiser_a)

    response = client.get(campaign_url(campaign))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    certificate = BroadcastCertificate.objects.get()
    assert certificate.display_code in response["Content-Disposition"]
    aired = [airings[0], airings[2]]
    assert certificate.advertiser == advertiser_a.advertiser
    assert certificate.campaign == campaign
    assert certificate.campaign_title == campaign.title
    assert certificate.issued_by == advertiser_a
    assert certificate.airing_ids == [a.pk for a in aired]
    assert certificate.aired_count == 2
    assert certificate.total_seconds == sum(a.length for a in aired)
    assert certificate.total_amount == sum(a.unit_price for a in aired)
    assert (certificate.period_start, certificate.period_end) == (
        FIRST_DAY,
        FIRST_DAY + dt.timedelta(days=2),
    )


def test_pdf_text_lists_the_airings_the_code_and_the_address(advertiser_a, book):
    campaign, airings = book(advertiser_a, [AiringStatus.AIRED, AiringStatus.AIRED])
    certificate, listed = certificates.issue_certificate(
        advertiser=advertiser_a.advertiser, issued_by=advertiser_a, campaign=campaign
    )

    pdf = certificate_pdf.render_certificate_pdf(certificate, listed, compress=False)

    assert pdf.startswith(b"%PDF")
    assert certificate.display_code.encode() in pdf
    assert certificates.verify_url(certificate.code).encode() in pdf
    assert b"02/03/2026" in pdf and b"03/03/2026" in pdf
    confirmed = airings[0].confirmed_at.astimezone(dt.timezone(dt.timedelta(0)))
    assert f"{confirmed:%H:%M:%S}".encode() in pdf  # Ouagadougou is on UTC
    assert core_pdf.francs(certificate.total_amount).encode() in pdf


def test_downloading_again_reuses_the_code_until_something_changes(client, advertiser_a, book):
    campaign, airings = book(advertiser_a, [AiringStatus.AIRED, AiringStatus.PLANNED])
    client.force_login(advertiser_a)
    client.get(campaign_url(campaign))
    client.get(campaign_url(campaign))
    assert BroadcastCertificate.objects.count() == 1

    Airing.objects.filter(pk=airings[1].pk).update(
        status=AiringStatus.AIRED, confirmed_at=airings[0].confirmed_at + dt.timedelta(days=1)
    )
    client.get(campaign_url(campaign))

    first, second = BroadcastCertificate.objects.order_by("pk")
    assert first.code != second.code
    assert second.aired_count == 2


def test_nothing_aired_yet_sends_back_with_a_message(client, advertiser_a, book):
    campaign, _ = book(advertiser_a, [AiringStatus.PLANNED, AiringStatus.MISSED])
    client.force_login(advertiser_a)

    response = client.get(campaign_url(campaign))

    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    expected = french("None of this campaign's airings has aired yet: there is nothing to certify.")
    assert messages_of(response) == [expected]
    assert not BroadcastCertificate.objects.exists()


def test_foreign_campaign_certificate_is_404(client, advertiser_a, advertiser_b, book):
    campaign, _ = book(advertiser_a, [AiringStatus.AIRED])
    client.force_login(advertiser_b)
    assert client.get(campaign_url(campaign)).status_code == 404
    assert not BroadcastCertificate.objects.exists()


@pytest.mark.parametrize("who", ["broadcaster", "administrator", "editorial"])
def test_staff_do_not_download_certificates_here(client_as, advertiser_a, book, who):
    campaign, _ = book(advertiser_a, [AiringStatus.AIRED])
    assert client_as(who).get(campaign_url(campaign)).status_code == 403
    assert client_as(who).get(PERIOD_URL).status_code == 403


# --- A period's certificate -----------------------------------------------------------
def test_period_certificate_lists_own_aired_airings_of_the_period(
    client, advertiser_a, advertiser_b, book
):
    _, first = book(advertiser_a, [AiringStatus.AIRED, AiringStatus.AIRED])
    _, second = book(advertiser_a, [AiringStatus.AIRED], first=FIRST_DAY + dt.timedelta(days=10))
    book(advertiser_b, [AiringStatus.AIRED, AiringStatus.AIRED])
    client.force_login(advertiser_a)

    response = client.get(PERIOD_URL, {"start": "2026-03-01", "end": "2026-03-05"})

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    certificate = BroadcastCertificate.objects.get()
    assert certificate.campaign is None
    assert certificate.campaign_title == ""
    assert certificate.airing_ids == [a.pk for a in first]
    assert (certificate.period_start, certificate.period_end) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 5),
    )


@pytest.mark.parametrize(
    ("params", "msgid"),
    [
        ({}, "Give the start and end dates of the period (YYYY-MM-DD)."),
        (
            {"start": "2026-03-01", "end": "mars"},
            "Give the start and end dates of the period (YYYY-MM-DD).",
        ),
        (
            {"start": "2026-03-10", "end": "2026-03-01"},
            "The start date must be on or before the end date.",
        ),
        (
            {"start": "2025-01-01", "end": "2026-01-02"},
            "A certificate covers at most %(days)s days: choose a shorter period.",
        ),
        (
            {"start": "2020-01-01", "end": "2020-01-31"},
            "No airing aired in this period: there is nothing to certify.",
        ),
    ],
)
def test_bad_period_is_refused_in_french(client, advertiser_a, book, params, msgid):
    book(advertiser_a, [AiringStatus.AIRED])
    client.force_login(advertiser_a)

    response = client.get(PERIOD_URL, params)

    assert response.status_code == 302
    assert response["Location"] == reverse("broadcasts:calendar")
    expected = french(msgid)
    if "%(days)s" in msgid:
        expected = expected % {"days": 366}
    assert messages_of(response) == [expected]
    assert not BroadcastCertificate.objects.exists()


def test_a_full_leap_year_is_accepted():
    assert certificates.parse_period("2028-01-01", "2028-12-31") == (
        dt.date(2028, 1, 1),
        dt.date(2028, 12, 31),
    )


def test_certificate_queries_do_not_grow_with_the_airings(client, advertiser_a, book):
    client.force_login(advertiser_a)
    book(advertiser_a, [AiringStatus.AIRED])
    params = {"start": "2026-03-01", "end": "2026-03-31"}
    client.get(PERIOD_URL, params)
    with CaptureQueriesContext(connection) as few:
        client.get(PERIOD_URL, params)  # reuses the certificate
    book(advertiser_a, [AiringStatus.AIRED] * 15, first=FIRST_DAY + dt.timedelta(days=1))
    client.get(PERIOD_URL, params)
    with CaptureQueriesContext(connection) as many:
        client.get(PERIOD_URL, params)
    assert len(many) == len(few)


# --- Codes and fingerprints ---------------------------------------------------------
def test_codes_are_random_base32_and_read_with_or_without_dashes():
    codes = {certificates.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[A-Z2-7]{24}", code) for code in codes)
    code = codes.pop()
    dashed = "-".join(code[i : i + 4] for i in range(0, 24, 4))
    assert certificates.normalise_code(dashed.lower()) == code
    assert certificates.normalise_code("ABC") is None
    assert certificates.normalise_code("ABCDEFGHIJKLMNOP0189") is None  # not base32


def test_fingerprint_depends_on_ids_and_confirmation_times():
    moment = dt.datetime(2026, 3, 2, 19, 30, 42, tzinfo=dt.UTC)
    base = certificates.fingerprint([(1, moment), (2, moment)])
    assert base == certificates.fingerprint([(2, moment), (1, moment)])
    assert base != certificates.fingerprint([(1, moment)])
    assert base != certificates.fingerprint([(1, moment), (2, moment + dt.timedelta(seconds=1))])
    assert len(base) == 64


# --- The public check -------------------------------------------------------------------
@pytest.fixture
def issued(advertiser_a, book):
    campaign, airings = book(advertiser_a, [AiringStatus.AIRED, AiringStatus.AIRED])
    certificate, _ = certificates.issue_certificate(
        advertiser=advertiser_a.advertiser, issued_by=advertiser_a, campaign=campaign
    )
    return certificate, airings


def test_verify_confirms_a_genuine_certificate_with_its_summary_only(client, issued):
    certificate, airings = issued

    response = client.get(verify_url(certificate.code))  # nobody signed in

    assert response.status_code == 200
    assert response.context["matches"] is True
    content = response.content.decode()
    assert 'data-verdict="genuine"' in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"].startswith("noindex")
    assert certificate.advertiser_name in content
    assert certificate.campaign_title in content
    assert f"data-aired-count>{certificate.aired_count}<" in content
    assert f"{certificate.total_seconds}" in content
    # no other data: neither the amount, nor the airings, nor the spots
    assert core_pdf.francs(certificate.total_amount) not in content
    assert airings[0].break_slot.label not in content
    assert "Spot" not in content


def test_verify_accepts_the_printed_form_of_the_code(client, issued):
    certificate, _ = issued
    response = client.get(verify_url(certificate.display_code.lower()))
    assert response.status_code == 200


def test_verify_says_when_the_airings_changed(client, issued):
    certificate, airings = issued
    # a confirmation undone after the certificate was issued
    Airing.objects.filter(pk=airings[1].pk).update(status=AiringStatus.PLANNED, confirmed_at=None)

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    assert response.context["matches"] is False
    assert 'data-verdict="changed"' in response.content.decode()


def test_verify_notices_a_new_confirmation_time(client, issued):
    certificate, airings = issued
    Airing.objects.filter(pk=airings[0].pk).update(
        confirmed_at=airings[0].confirmed_at + dt.timedelta(minutes=3)
    )
    assert client.get(verify_url(certificate.code)).context["matches"] is False


@pytest.mark.parametrize("code", ["AAAAAAAAAAAAAAAAAAAAAAAA", "not-a-code", "x"])
def test_unknown_code_is_a_french_404(client, issued, code):
    response = client.get(verify_url(code))
    assert response.status_code == 404
    content = response.content.decode()
    assert 'data-verify-error="404"' in content
    assert french("Unknown certificate") in content
    assert "noindex" in content


def test_lookups_are_rate_limited_per_address(client, issued, settings):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 3
    certificate, _ = issued
    statuses = [client.get(verify_url(certificate.code)).status_code for _ in range(3)]
    refused = client.get(verify_url("AAAAAAAAAAAAAAAAAAAAAAAA"))

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    text = french("Too many certificate checks from your connection. Wait a minute and try again.")
    assert escape(text) in refused.content.decode()
    # the genuine code too: the budget is per address, whatever the code
    assert client.get(verify_url(certificate.code)).status_code == 429
    other = client.get(verify_url(certificate.code), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_verify_form_sends_to_the_code_page(client, issued):
    certificate, _ = issued
    form = reverse("verify:form")
    assert client.get(form).status_code == 200
    response = client.get(form, {"code": f" {certificate.display_code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)
    refused = client.get(form, {"code": "nope"})
    assert refused.status_code == 200
    expected = french("This is not a certificate code: check what you typed.")
    assert messages_of(refused) == [expected]


def test_verify_runs_few_queries(client, issued, django_assert_max_num_queries):
    certificate, _ = issued
    client.get(verify_url(certificate.code))  # the site settings of the footer are created
    # the certificate, its airings' confirmations, then the footer's site settings
    with django_assert_max_num_queries(4):
        client.get(verify_url(certificate.code))
