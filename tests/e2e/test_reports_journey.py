"""Browser journey of issue 6: an administrator opens the report overview,
changes the period with the date pickers (the loading indicator shows while the
report is computed), exports the overview as XLSX and PDF, opens both (openpyxl,
pypdf) and finds the totals the page shows; an advertiser opens its own report
and cannot reach another advertiser's by changing the URL.

The data is made through the ORM: two advertisers, each with an approved
campaign (a frozen quote) and airings aired last week."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD
from broadcasting.models import Airing, AiringStatus, Break
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory
from core import clock as broadcast_day
from reports import exports
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1366, "height": 900}
# Notes in sessionStorage whether the loading indicator came on screen (not
# hidden, displayed, with a size) after the report form was sent.
WATCH_LOADING = """() => {
  const el = document.querySelector("[data-report-loading]");
  sessionStorage.setItem("rp-loading-shown", "no");
  const check = () => {
    const box = el.getBoundingClientRect();
    if (!el.hidden && getComputedStyle(el).display !== "none" && box.width > 0) {
      sessionStorage.setItem("rp-loading-shown", "yes");
    }
  };
  new MutationObserver(check).observe(el, { attributes: true });
  document.querySelector("form[data-report-form]").addEventListener("submit", check);
}"""
CLICK_LINK = """url => {
  const link = document.createElement("a");
  link.href = url;
  document.body.append(link);
  link.click();
}"""


def log_in(page, email: str, lands_on: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(lands_on))


def aired_campaign(user, *, title: str, subtotal: int, days_ago: list[int], price: int):
    """An approved campaign of `user`'s company, approved now, with one airing
    aired in a prime-time break `days_ago` days ago each."""
    campaign = CampaignFactory(
        user=user,
        title=title,
        status=Status.AIRING,
        approved_at=timezone.now(),
        start_date=timezone.localdate() - dt.timedelta(days=10),
        end_date=timezone.localdate() + dt.timedelta(days=10),
        lines=[("prime-time", len(days_ago))],
        quote_subtotal=subtotal,
        quote_discount=0,
        quote_vat=round(subtotal * 0.18),
        quote_total=subtotal + round(subtotal * 0.18),
    )
    for ago in days_ago:
        day = timezone.localdate() - dt.timedelta(days=ago)
        starts = broadcast_day.starts_at(day, dt.time(20, 0))
        brk = Break.objects.create(
            day=day, starts_at=starts, band_code="prime-time", capacity=180, label="JT 20 h"
        )
        Airing.objects.create(
            break_slot=brk,
            campaign=campaign,
            advertiser=campaign.advertiser,
            sector=campaign.sector,
            band_code="prime-time",
            length=30,
            unit_price=price,
            status=AiringStatus.AIRED,
            confirmed_at=starts,
        )
        Break.objects.filter(pk=brk.pk).update(booked_seconds=30)
    return campaign


def key_figures(path) -> dict:
    """{label: value} of the key figures block of an overview XLSX."""
    from django.utils.translation import gettext as _
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    figures, inside = {}, False
    for row in sheet.iter_rows(values_only=True):
        if inside and row[0] is None:
            break
        if inside:
            figures[row[0]] = row[1]
        inside = inside or row[0] == _("Key figures")
    return figures


def test_administrator_exports_the_figures_of_the_page(
    browser, live_server, administrator, advertiser_a, advertiser_b, tmp_path, settings
):
    from django.utils.translation import gettext as _
    from pypdf import PdfReader

    settings.MEDIA_ROOT = str(tmp_path / "media")
    ensure_demo_rate_card()
    aired_campaign(
        advertiser_a, title="Bissap du Sahel", subtotal=614250, days_ago=[3, 4], price=87750
    )
    aired_campaign(
        advertiser_b, title="Forfait Faso 4G", subtotal=263250, days_ago=[2], price=87750
    )

    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=DESKTOP, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, administrator.email, r".*/admin/$")
    page.goto("/admin/reports/overview/")

    # The period by the date pickers. What the indicator does once the form is
    # sent is written down in the tab's sessionStorage, read on the new page.
    start = timezone.localdate() - dt.timedelta(days=14)
    end = timezone.localdate() + dt.timedelta(days=14)
    page.fill("#rp-start", start.isoformat())
    page.fill("#rp-end", end.isoformat())
    expect(page.locator("[data-report-loading]")).to_be_hidden()
    page.evaluate(WATCH_LOADING)
    with page.expect_navigation():
        page.locator("[data-report-submit]").click()
    expect(page.locator("#rp-start")).to_have_value(start.isoformat())
    assert page.evaluate("sessionStorage.getItem('rp-loading-shown')") == "yes"

    booked = int(page.locator('[data-figure="booked"] [data-amount]').get_attribute("data-amount"))
    delivered = int(
        page.locator('[data-figure="delivered"] [data-amount]').get_attribute("data-amount")
    )
    aired = int(page.locator('[data-figure="airings"] [data-count="aired"]').inner_text())
    assert booked == 614250 + 263250
    assert delivered == 3 * 87750
    assert aired == 3

    exports_list = page.locator('[data-report-exports="overview"]')
    with page.expect_download() as xlsx_download:
        exports_list.locator('a[data-export="xlsx"]').click()
    xlsx_path = tmp_path / "rapport.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    figures = key_figures(xlsx_path)
    assert figures[_("Revenue booked (excl. VAT)")] == booked
    assert figures[_("Revenue delivered (excl. VAT)")] == delivered
    assert figures[_("Airings aired")] == aired

    with page.expect_download() as pdf_download:
        exports_list.locator('a[data-export="pdf"]').click()
    pdf_path = tmp_path / "rapport.pdf"
    pdf_download.value.save_as(pdf_path)
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert f"{exports.spaced(booked)} FCFA" in text
    assert f"{exports.spaced(delivered)} FCFA" in text
    assert start.strftime("%Y") in text
    context.close()


def test_an_advertiser_sees_only_its_own_report(
    browser, live_server, advertiser_a, advertiser_b, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ensure_demo_rate_card()
    mine = aired_campaign(
        advertiser_a, title="Bissap du Sahel", subtotal=614250, days_ago=[3], price=87750
    )
    theirs = aired_campaign(
        advertiser_b, title="Forfait Faso 4G", subtotal=263250, days_ago=[2], price=58500
    )

    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, advertiser_a.email, r".*/campaigns/$")
    page.goto("/reports/overview/")
    body = page.locator("main")
    expect(body).to_contain_text(mine.title)
    expect(body).not_to_contain_text(theirs.title)

    # Another company's id in the address changes nothing.
    other = theirs.advertiser.pk
    page.goto(f"/reports/overview/?advertiser={other}")
    expect(body).to_contain_text(mine.title)
    expect(body).not_to_contain_text(theirs.title)
    expect(body).not_to_contain_text(theirs.advertiser.name)
    delivered = int(
        page.locator('[data-figure="delivered"] [data-amount]').get_attribute("data-amount")
    )
    assert delivered == 87750

    # Nor in an export's address.
    with page.expect_download() as download:
        page.evaluate(CLICK_LINK, f"/reports/export/csv/?dataset=airings&advertiser={other}")
    path = tmp_path / "passages.csv"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    assert mine.title in text
    assert theirs.title not in text and theirs.advertiser.name not in text

    # The staff's overview is not theirs to open.
    page.goto("/admin/reports/overview/")
    expect(page.locator('[data-report-scope="staff"]')).to_have_count(0)
    context.close()
