"""The figures of the reports on a small hand-built dataset: exact FCFA sums,
fill rates and counts; and the number of queries, which must not grow with the
data."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import BusinessSectorFactory
from broadcasting.models import Airing, AiringStatus, Break, BreakStatus
from campaigns.models import Campaign, CreativeMode, Status
from campaigns.tests.factories import CampaignFactory
from editorial.models import CoverageRequest
from reports import selectors
from reports.filters import ReportFilters, resolve_filters
from reports.period import resolve_period
from simulator.models import RateCard

pytestmark = pytest.mark.django_db

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def approve(campaign, moment, **fields):
    Campaign.objects.filter(pk=campaign.pk).update(approved_at=moment, **fields)
    campaign.refresh_from_db()
    return campaign


def coverage(status, created_at, advertiser=None):
    request = CoverageRequest.objects.create(
        reference=f"T-{uuid.uuid4().hex[:12]}",
        advertiser=advertiser,
        status=status,
        event_title="Lancement",
        event_type="product_launch",
        event_date=dt.date(2026, 3, 20),
        start_time=dt.time(10),
        end_time=dt.time(12),
        address="Ouaga 2000",
        contact_name="Awa",
        contact_phone="+22670000000",
        contact_email="awa@example.bf",
        coverage_type="video_report",
    )
    CoverageRequest.objects.filter(pk=request.pk).update(created_at=created_at)
    return request


@pytest.fixture
def world(make_breaks, approved_campaign, airing_in, card):
    """March 2026: two advertisers (A: sector "Boissons", VAT 18 % by default;
    B: sector "Télécoms", rate card at 10 %), breaks on 2-4 March at 08:00
    (matinée) and 19:30 (prime time), 180 s each, and one cancelled break."""
    breaks = make_breaks(
        dt.date(2026, 3, 2), days=3, times=(("matinee", "08:00"), ("prime-time", "19:30"))
    )
    grid = {(b.day.day, b.band_code): b for b in breaks}
    cancelled = Break.objects.create(
        day=dt.date(2026, 3, 3),
        starts_at=local(2026, 3, 3, 13, 0),
        band_code="prime-time",
        capacity=180,
        status=BreakStatus.CANCELLED,
        booked_seconds=60,
    )
    april = make_breaks(dt.date(2026, 4, 1), days=1, times=(("prime-time", "19:30"),))[0]

    drinks = BusinessSectorFactory(name="Boissons")
    telecom = BusinessSectorFactory(name="Télécoms")
    ten_percent = RateCard.objects.create(
        name="Carte 10 %", valid_from=dt.date(2026, 1, 1), vat_rate=Decimal("10")
    )
    a = approved_campaign(
        lines=(("prime-time", 3), ("matinee", 1)),
        start=dt.date(2026, 3, 2),
        days=3,
        sector=drinks,
        title="Bissap Sahel",
    )
    approve(
        a,
        local(2026, 3, 10, 9, 0),
        quote_subtotal=263250,
        quote_discount=13163,
        quote_vat=45016,
        quote_total=295103,
    )
    b = approved_campaign(
        lines=(("matinee", 2), ("prime-time", 1)),
        start=dt.date(2026, 2, 25),
        days=10,
        sector=telecom,
        title="Forfait Faso",
    )
    approve(b, local(2026, 2, 25, 9, 0), quote_subtotal=500000, quote_vat=50000, quote_total=550000)
    Campaign.objects.filter(pk=b.pk).update(rate_card=ten_percent)

    # Approved in March, then cancelled: not booked.
    c = approved_campaign(title="Annulée")
    approve(
        c, local(2026, 3, 5, 9, 0), status=Status.CANCELLED, quote_subtotal=999, quote_total=999
    )
    # Approved on the last minute of March (a creation request): booked.
    d = approved_campaign(title="Spot à créer")
    approve(
        d,
        local(2026, 3, 31, 23, 59),
        creative_mode=CreativeMode.MAKE,
        quote_subtotal=100000,
        quote_vat=18000,
        quote_total=118000,
    )
    # Approved on the first instant of April: not booked in March.
    e = approved_campaign(title="Avril")
    approve(e, local(2026, 4, 1, 0, 0), quote_subtotal=777777, quote_total=777777)

    aired = {"status": AiringStatus.AIRED}
    missed = airing_in(grid[(3, "prime-time")], a, status=AiringStatus.MISSED)
    airing_in(grid[(2, "prime-time")], a, **aired)  # 87 750
    airing_in(grid[(4, "prime-time")], a)  # planned
    airing_in(grid[(4, "matinee")], a, make_good_of=missed, **aired)  # 38 025
    airing_in(grid[(2, "matinee")], b, **aired)  # 38 025
    airing_in(grid[(3, "matinee")], b, **aired)  # 38 025
    airing_in(grid[(4, "prime-time")], b, status=AiringStatus.CANCELLED)
    airing_in(april, a, **aired)  # April: out of the period

    # Seconds sold, set by hand: prime time 60 + 30 + 30, matinée 30 + 30 + 30.
    for (day, band), seconds in {
        (2, "prime-time"): 60,
        (3, "prime-time"): 30,
        (4, "prime-time"): 30,
        (2, "matinee"): 30,
        (3, "matinee"): 30,
        (4, "matinee"): 30,
    }.items():
        Break.objects.filter(pk=grid[(day, band)].pk).update(booked_seconds=seconds)

    coverage("new", local(2026, 3, 3, 10, 0))
    coverage("accepted", local(2026, 3, 20, 10, 0), advertiser=a.advertiser)
    coverage("accepted", local(2026, 3, 21, 10, 0))
    coverage("new", local(2026, 4, 1, 10, 0))  # April
    return {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "drinks": drinks,
        "telecom": telecom,
        "cancelled": cancelled,
    }


def march(**params):
    return resolve_period(MARCH), resolve_filters(params)


def test_revenue_booked_is_the_frozen_quotes_approved_in_the_period(world):
    report = selectors.overview(*march())
    assert report["booked"] == {
        "campaigns": 2,  # A and D; not B (February), C (cancelled), E (April)
        "subtotal": 363250,
        "discount": 13163,
        "net": 350087,
        "vat": 63016,
        "total": 413103,
    }


def test_revenue_delivered_is_the_aired_airings_with_vat_at_each_cards_rate(world):
    report = selectors.overview(*march())
    # A: 87 750 + 38 025 = 125 775 at 18 % -> 22 639.5 -> 22 640 (half up)
    # B: 38 025 × 2 = 76 050 at 10 % -> 7 605
    assert report["delivered"] == {
        "net": 201825,
        "vat": 30245,
        "total": 232070,
        "airings": 4,
        "seconds": 120,
    }


def test_airing_counts(world):
    report = selectors.overview(*march())
    assert report["airings"] == {
        "planned": 1,
        "aired": 4,
        "missed": 1,
        "cancelled": 1,
        "make_good": 1,
        "total": 6,
    }


def test_fill_rate_per_band_and_per_day_counts_open_breaks_only(world):
    fill = selectors.overview(*march())["fill"]
    assert (fill["booked"], fill["capacity"], fill["breaks"]) == (210, 1080, 6)
    assert fill["rate"] == 19.4
    assert [(r["band_code"], r["booked"], r["capacity"], r["rate"]) for r in fill["by_band"]] == [
        ("matinee", 90, 540, 16.7),
        ("prime-time", 120, 540, 22.2),
    ]
    assert [(r["day"].day, r["booked"], r["capacity"], r["rate"]) for r in fill["by_day"]] == [
        (2, 90, 360, 25.0),
        (3, 60, 360, 16.7),
        (4, 60, 360, 16.7),
    ]


def test_airings_by_band(world):
    by_band = {row["band_code"]: row for row in selectors.overview(*march())["by_band"]}
    assert by_band["prime-time"]["aired"] == 1
    assert by_band["prime-time"]["missed"] == 1
    assert by_band["prime-time"]["planned"] == 1
    assert by_band["prime-time"]["cancelled"] == 1
    assert by_band["prime-time"]["delivered"] == 87750
    assert by_band["prime-time"]["fill_rate"] == 22.2
    assert by_band["matinee"]["aired"] == 3
    assert by_band["matinee"]["make_good"] == 1
    assert by_band["matinee"]["delivered"] == 114075
    assert by_band["matinee"]["band_name"]  # the rate card's name


def test_rankings_by_delivered_revenue(world):
    report = selectors.overview(*march())
    assert [(r["name"], r["delivered"], r["aired"]) for r in report["top_advertisers"]] == [
        (world["a"].advertiser.name, 125775, 2),
        (world["b"].advertiser.name, 76050, 2),
    ]
    assert [(r["name"], r["delivered"]) for r in report["top_sectors"]] == [
        ("Boissons", 125775),
        ("Télécoms", 76050),
    ]


def test_campaigns_creation_and_coverage_requests_by_status(world):
    report = selectors.overview(*march())
    statuses = {row["status"]: row["count"] for row in report["campaigns_by_status"]}
    assert statuses == {"approved": 3, "cancelled": 1}  # A, B (dates), D (approved); C
    assert [(r["status"], r["count"]) for r in report["creation_requests_by_status"]] == [
        ("approved", 1)
    ]
    assert [(r["status"], r["count"]) for r in report["coverage_by_status"]] == [
        ("new", 1),
        ("accepted", 2),
    ]


def test_monthly_series(world):
    period = resolve_period({"start": "2026-02-15", "end": "2026-04-10"})
    monthly = selectors.overview(period, ReportFilters())["monthly"]
    assert [row["month"] for row in monthly] == [
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 1),
    ]
    assert [row["delivered"] for row in monthly] == [0, 201825, 87750]
    assert [row["fill_rate"] for row in monthly] == [None, 19.4, 16.7]  # 30 s of 180 in April


def test_filter_by_advertiser(world):
    report = selectors.overview(*march(advertiser=str(world["a"].advertiser_id)))
    assert report["delivered"]["net"] == 125775
    assert report["booked"]["net"] == 250087
    assert report["airings"]["aired"] == 2
    assert [r["status"] for r in report["coverage_by_status"]] == ["accepted"]
    # The fill rate belongs to the station: the advertiser filter leaves it whole.
    assert report["fill"]["booked"] == 210


def test_filter_by_sector(world):
    report = selectors.overview(*march(sector=str(world["telecom"].pk)))
    assert report["delivered"]["net"] == 76050
    assert report["booked"]["net"] == 0


def test_filter_by_band(world):
    report = selectors.overview(*march(band="matinee"))
    assert report["delivered"]["net"] == 114075
    assert (report["fill"]["booked"], report["fill"]["capacity"]) == (90, 540)
    # Campaigns with a matinée line: A (booked in March) and B (February).
    assert report["booked"]["net"] == 250087


def test_filter_by_campaign_status_and_search(world):
    assert selectors.overview(*march(status="cancelled"))["delivered"]["net"] == 0
    report = selectors.overview(*march(q="forfait"))  # the title of B's campaign
    assert report["delivered"]["net"] == 76050
    assert report["booked"]["campaigns"] == 0
    report = selectors.overview(*march(q="SPOT à"))
    assert report["delivered"]["net"] == 0
    assert report["booked"]["net"] == 100000


def test_an_advertisers_own_figures(world):
    b = world["b"].advertiser
    period, _ = march()
    filters = resolve_filters({"advertiser": str(world["a"].advertiser_id)}, advertiser=b)
    report = selectors.overview(period, filters, advertiser=b)
    assert report["delivered"]["net"] == 76050
    assert report["delivered"]["vat"] == 7605
    assert report["booked"]["net"] == 0  # approved in February
    assert report["fill"] is None
    assert report["top_advertisers"] == [] and report["coverage_by_status"] == []
    assert all(row["fill_rate"] is None for row in report["monthly"])
    # Even when a caller forgets `advertiser=`, the forced filters keep the scope.
    assert selectors.overview(period, filters)["delivered"]["net"] == 76050


def test_forced_advertiser_wins_over_a_staff_filter(world):
    period, filters = march(advertiser=str(world["a"].advertiser_id))
    rows = selectors.airing_rows(period, filters, advertiser=world["b"].advertiser)
    assert {row.advertiser_id for row in rows} == {world["b"].advertiser_id}


def test_airing_rows(world):
    period, filters = march()
    rows = list(selectors.airing_values(period, filters))
    keys = [column.key for column in selectors.AIRING_COLUMNS]
    assert len(rows) == 7  # April left out
    first = dict(zip(keys, rows[0], strict=True))
    assert first["break_slot__day"] == dt.date(2026, 3, 2)
    assert first["unit_price"] == 38025
    days = [row[0] for row in rows]
    assert days == sorted(days)
    status = next(c for c in selectors.AIRING_COLUMNS if c.key == "status")
    assert status.display("aired") == str(AiringStatus.AIRED.label)


def test_campaign_rows(world):
    period, filters = march()
    rows = {c.title: c for c in selectors.campaign_rows(period, filters)}
    assert set(rows) == {"Bissap Sahel", "Forfait Faso", "Annulée", "Spot à créer"}
    assert rows["Bissap Sahel"].booked_net == 250087
    assert rows["Bissap Sahel"].aired_in_period == 2
    assert rows["Bissap Sahel"].delivered_in_period == 125775
    assert rows["Forfait Faso"].delivered_in_period == 76050
    assert rows["Spot à créer"].aired_in_period == 0
    values = list(selectors.campaign_values(period, filters))
    assert len(values) == 4
    assert len(values[0]) == len(selectors.CAMPAIGN_COLUMNS)


def test_key_figures_of_the_dashboard(world):
    figures = selectors.key_figures(resolve_period(MARCH))
    assert figures["booked_net"] == 350087
    assert figures["delivered_net"] == 201825
    assert figures["delivered_vat"] == 30245
    assert figures["fill_rate"] == 19.4
    assert (figures["aired"], figures["missed"], figures["planned"]) == (4, 1, 1)


def test_an_empty_period():
    report = selectors.overview(resolve_period(MARCH), ReportFilters())
    assert report["delivered"]["net"] == 0 and report["booked"]["net"] == 0
    assert report["fill"]["rate"] is None
    assert len(report["monthly"]) == 1


# --- Queries: constant whatever the data ---------------------------------------------------


def build(count: int, day=dt.date(2026, 3, 2)):
    """`count` approved campaigns of distinct advertisers, each with three
    airings (aired, missed, planned) over three breaks, and `count` more breaks."""
    breaks = [
        Break.objects.create(
            day=day + dt.timedelta(days=offset),
            starts_at=local(2026, 3, 2 + offset, 19, 30),
            band_code="prime-time",
            capacity=180 * count,
        )
        for offset in range(3)
    ]
    airings = []
    for index in range(count):
        campaign = CampaignFactory(
            status=Status.APPROVED,
            approved_at=local(2026, 3, 1 + index % 28, 12, 0),
            start_date=day,
            end_date=day + dt.timedelta(days=2),
            quote_subtotal=1000,
            quote_total=1180,
            quote_vat=180,
        )
        for brk, status in zip(breaks, ("aired", "missed", "planned"), strict=True):
            airings.append(
                Airing(
                    break_slot=brk,
                    campaign=campaign,
                    advertiser=campaign.advertiser,
                    sector=campaign.sector,
                    band_code="prime-time",
                    length=30,
                    unit_price=1000,
                    status=status,
                )
            )
    Airing.objects.bulk_create(airings)


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def run_everything(advertiser=None):
    period = resolve_period(MARCH)
    filters = resolve_filters({}, advertiser=advertiser)
    selectors.overview(period, filters, advertiser=advertiser)
    for airing in selectors.airing_rows(period, filters, advertiser=advertiser):
        str(airing.campaign.title), airing.advertiser.name, airing.break_slot.day
    for campaign in selectors.campaign_rows(period, filters, advertiser=advertiser):
        str(campaign.advertiser.name), campaign.delivered_in_period
    list(selectors.airing_values(period, filters, advertiser=advertiser))
    list(selectors.campaign_values(period, filters, advertiser=advertiser))
    selectors.key_figures(period)


def test_the_number_of_queries_does_not_grow_with_the_data(card):
    build(5)
    few = count_queries(run_everything)
    build(45, day=dt.date(2026, 3, 10))
    assert Airing.objects.count() == 150
    many = count_queries(run_everything)
    assert few == many
    # overview 9 + listings 4 + dashboard 3
    assert many == 16


def test_the_overview_runs_nine_queries_for_the_staff_and_four_for_an_advertiser(card):
    build(5)
    period, filters = march()
    assert count_queries(lambda: selectors.overview(period, filters)) == 9
    advertiser = Airing.objects.first().advertiser
    own = resolve_filters({}, advertiser=advertiser)
    assert count_queries(lambda: selectors.overview(period, own, advertiser=advertiser)) == 4
