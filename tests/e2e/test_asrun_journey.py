"""Browser journey of issue 19: an administrator uploads the day's PlayBox AirBox
as-run log (broadcasting/asrun/samples/2026_12_05_00_00_00_AsRun1.LOG); the
import's summary shows the one spot cut short and the one planned airing the log
never mentions; the broadcaster's running order of that day shows the matched
airings as aired "par import"; the missing one is marked missed from the review,
and its make-good appears in the administrators' make-goods list.

The running order is the sample's (broadcasting/tests/asrun_import_helpers.py),
plus one airing of code BF1-000199, absent from the file, in its first break.
The clock is set to the next day at noon, every break of the day being over."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from broadcasting.models import Airing, AsRunImport, Break
from broadcasting.tests.asrun_import_helpers import (
    AFTER,
    DAY,
    MISSING_CODE,
    SAMPLE,
    build_sample_day,
)
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def station(settings, tmp_path):
    settings.ASRUN_PRIVATE_DIR = tmp_path / "asrun"
    cache.clear()
    with time_machine.travel(AFTER, tick=True):
        ensure_demo_rate_card()
        administrator = UserFactory(
            email="commercial@bf1.bf", first_name="Issa", roles=[Role.ADMINISTRATOR]
        )
        day = build_sample_day()
        # Room for the make-good: prime-time breaks on the next two evenings.
        for offset in (1, 2):
            Break.objects.create(
                day=DAY.replace(day=DAY.day + offset),
                starts_at=AFTER.replace(day=AFTER.day + offset - 1, hour=19, minute=30),
                band_code="prime-time",
                capacity=180,
                label="Avant JT",
            )
    yield {"administrator": administrator, "day": day}
    cache.clear()


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_an_airbox_log_confirms_the_day_and_the_missing_spot_gets_a_make_good(page, station):
    missing = station["day"].airings[MISSING_CODE]
    with time_machine.travel(AFTER, tick=True):
        log_in(page, station["administrator"].email)

        # The history starts empty; the upload is one click away.
        page.goto(reverse("broadcast_asrun:index"))
        expect(page.get_by_text("Aucun fichier as-run importé")).to_be_visible()
        page.get_by_role("link", name="Importer un fichier").first.click()
        page.wait_for_url(re.compile(r"/admin/broadcasting/asrun/upload/$"))
        page.set_input_files("#id_file", str(SAMPLE))
        page.locator("main form [type=submit]").click()

        # The import's page: its summary, then the discrepancies to review.
        page.wait_for_url(re.compile(r"/admin/broadcasting/asrun/\d+/$"))
        asrun_import = AsRunImport.objects.get()
        assert asrun_import.status == AsRunImport.Status.DONE
        expect(page.locator('[data-count="rows"]')).to_have_text("92")
        expect(page.locator('[data-count="matched"]')).to_have_text("51")
        expect(page.locator('[data-count="cut_short"]')).to_have_text("1")
        expect(page.locator('[data-count="missing"]')).to_have_text("1")
        expect(page.locator("[data-discrepancy]")).to_have_count(2)

        # The broadcaster's running order of that day: aired "par import".
        page.goto(f"{reverse('broadcasting:dashboard')}?date={DAY.isoformat()}")
        confirmed = page.locator("[data-by-import]")
        expect(confirmed.first).to_contain_text("Diffusé · par import à")
        page.goto(reverse("broadcast_asrun:detail", args=[asrun_import.pk]))

        # The missing airing is marked missed from the review.
        row = page.locator('[data-discrepancy="missing"]')
        expect(row).to_contain_text(MISSING_CODE)
        row.locator("input[name=reason]").fill("Serveur de diffusion en panne")
        row.locator('[data-action="missed"]').click()
        page.wait_for_url(re.compile(r"/admin/broadcasting/asrun/\d+/#d-\d+$"))
        expect(page.get_by_text("un rattrapage est proposé")).to_be_visible()
        resolved = page.locator('[data-discrepancy="missing"]')
        expect(resolved).to_have_attribute("data-resolution", "marked_missed")
        expect(resolved.locator("[data-resolved]")).to_contain_text("Issa")

        missing.refresh_from_db()
        assert missing.status == "missed"
        make_good = Airing.objects.get(make_good_of=missing)

        # Its make-good waits in the administrators' make-goods list.
        page.goto(reverse("broadcast_make_goods:index"))
        listing = page.locator("table.listing")
        expect(listing).to_contain_text(make_good.campaign.title)
        expect(listing).to_contain_text("Serveur de diffusion en panne")


def test_the_import_page_follows_the_job_and_shows_the_summary_when_done(page, station):
    running = AsRunImport.objects.create(
        filename="2026_12_05_00_00_00_AsRun1.LOG",
        sha256="0" * 64,
        status=AsRunImport.Status.RUNNING,
        progress=40,
    )
    log_in(page, station["administrator"].email)
    page.goto(reverse("broadcast_asrun:detail", args=[running.pk]))
    expect(page.locator("[data-import-status]")).to_contain_text("40")
    expect(page.locator("[data-import-refresh]")).to_be_visible()
    AsRunImport.objects.filter(pk=running.pk).update(progress=70)
    expect(page.locator("[data-import-percent]")).to_have_text("70 %")
    AsRunImport.objects.filter(pk=running.pk).update(
        status=AsRunImport.Status.DONE, progress=100, rows_total=92, counts={"matched": 51}
    )
    # Finished: the page reloads itself and shows the summary.
    expect(page.locator('[data-count="matched"]')).to_have_text("51")
    expect(page.locator("[data-import-refresh]")).to_have_count(0)
