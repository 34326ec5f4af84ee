"""Bench data for the broadcasting benches (and the reports later): one busy
broadcast year on the bench database.

`generate(scale=1.0)` builds, with bulk inserts only (about 20 s of CPU on SQLite):
- the demo rate card (`simulator.demo.ensure_demo_rate_card`) and the demo weekly
  grid of 40 breaks a day over its six bands (`broadcasting.demo.ensure_demo_grid`);
- the dated breaks of one year, from 6 months ago to 6 months ahead (14 600);
- 1 000 advertisers over the 19 business sectors, 5 000 campaigns (5 each, 7 to
  56 days, 1 to 3 bands, spots of 10 to 30 s) with their lines, an approved
  image spot (one shared image file) and a quote frozen by the real pricing
  engine, and about 130 000 airings;
- a broadcaster (`bench-diffusion@bf1.bf`) who confirmed the past airings.
No advertiser users: nothing requires them (the benches add their own).

The airings are laid out in memory first (bench/broadcast_plan.py: the
scheduler's hard rules, each break filled up to a share of its capacity that
falls from 94 % in the past to 55 % in 6 months), then written. Past airings
are aired (2.5 % missed, with a reason), the others planned; `booked_seconds`
is the sum of the planned and aired ones. A campaign's lines
hold what was placed, so its quote, its airings and its status (finished, en
diffusion, planifiée) agree.

`scale` shrinks the year and the advertisers together (0.1: 5 weeks, 100
advertisers), for tests. Deterministic for a given grid, `seed` and day. Guarded
by a marker (the advertiser MARKER): on a database that already has the data,
`generate` only reads the summary back. Run alone: `python bench/broadcast_data.py
[scale]` (a new SQLite file, or DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

if __name__ == "__main__":  # run alone: the project's root on the path first
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.broadcast_plan import PlannedCampaign, ensure_grid, plan  # noqa: E402

MARKER = "Annonceur bench 0001"  # the first advertiser: present means generated
BROADCASTER_EMAIL = "bench-diffusion@bf1.bf"
MISSED_RATE = 0.025
MISSED_REASONS = (
    "Coupure de courant à la régie",
    "Direct prolongé (match)",
    "Fichier illisible au moment de la diffusion",
    "Écran supprimé pour une édition spéciale",
)


def is_generated() -> bool:
    from accounts.models import Advertiser

    return Advertiser.objects.filter(name=MARKER).exists()


def _campaign_status(campaign: PlannedCampaign, past: dict[int, list[int]]) -> str:
    """Finished when nothing is left planned, en diffusion once one aired."""
    from campaigns.models import Status

    total = sum(campaign.placed.values())
    aired_or_missed, aired = past.get(campaign.index, (0, 0))
    if aired_or_missed >= total:
        return Status.FINISHED
    return Status.AIRING if aired else Status.SCHEDULED


def generate(scale: float = 1.0, *, seed: int = 2026, verbose: bool = False) -> dict:
    """Fill the bench database (see the module's docstring) unless it is done;
    returns the summary either way."""
    from django.db import connection, transaction

    if is_generated():
        return summary(generated=False)
    started, cpu = time.perf_counter(), time.process_time()
    if connection.vendor == "sqlite":
        # A page cache of 256 MB keeps the indexes of 130 000 rows in memory
        # during the one big transaction (the default, 2 MB, spills to disk).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    with transaction.atomic():
        _generate(scale=scale, seed=seed, verbose=verbose)
    if connection.vendor == "postgresql":
        # What autovacuum does a minute after such a load: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return summary(
        generated=True,
        seconds=round(time.perf_counter() - started, 1),
        cpu_seconds=round(time.process_time() - cpu, 1),
    )


def _generate(*, scale: float, seed: int, verbose: bool) -> None:
    from django.contrib.auth.models import Group
    from django.db.models import F
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from accounts.models import Advertiser, BusinessSector, User
    from accounts.roles import GROUP_NAMES, Role
    from broadcasting.models import Airing, AiringStatus, Break
    from campaigns.models import Campaign, CampaignLine, Spot
    from campaigns.models.spot import ReviewState, SpotKind
    from core import clock as broadcast_day
    from simulator.demo import ensure_demo_rate_card
    from simulator.pricing import LineRequest, QuoteRequest, price
    from simulator.selectors import pricing_data

    def say(message: str) -> None:
        if verbose:
            print(f"[broadcast_data {time.perf_counter() - t0:6.1f}s] {message}", flush=True)

    t0 = time.perf_counter()
    now = timezone.now()
    today = broadcast_day.today()
    card, _created = ensure_demo_rate_card()
    card_data = pricing_data(card)
    slots = ensure_grid()
    sectors = list(
        BusinessSector.objects.exclude(slug__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    first, last, adv_sector, breaks, campaigns = plan(
        slots=slots, sector_ids=sectors, today=today, scale=scale, seed=seed
    )
    say(f"planned {len(breaks)} breaks, {sum(len(b.airings) for b in breaks)} airings")
    rng = random.Random(seed + 1)

    broadcaster = User.objects.create_user(
        email=BROADCASTER_EMAIL,
        password=None,
        first_name="Régie",
        last_name="Bench",
        email_confirmed_at=now,
    )
    broadcaster.groups.add(Group.objects.get(name=GROUP_NAMES[Role.BROADCASTER]))
    advertisers = Advertiser.objects.bulk_create(
        [
            Advertiser(name=f"Annonceur bench {i + 1:04d}", sector_id=sector)
            for i, sector in enumerate(adv_sector)
        ],
        batch_size=500,
    )
    adv_pk = [a.pk for a in advertisers]

    # Statuses of the airings (past: aired or missed) and what each campaign aired.
    statuses: dict[tuple[int, int], str] = {}
    past: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for brk in breaks:
        if brk.starts_at > now:
            continue
        for c in brk.airings:
            status = AiringStatus.MISSED if rng.random() < MISSED_RATE else AiringStatus.AIRED
            statuses[(brk.index, c)] = status
            past[c][0] += 1
            if status == AiringStatus.AIRED:
                past[c][1] += 1
            else:
                brk.booked -= campaigns[c].length

    quotes = {}
    rows = []
    for c in campaigns:
        lines = tuple((band, n) for band, n in sorted(c.placed.items()) if n)
        quote = price(
            card_data,
            QuoteRequest(
                spot_length=c.length,
                start_date=c.start,
                end_date=c.end,
                lines=tuple(LineRequest(band=band, airings=n) for band, n in lines),
                options=(),
            ),
        )
        quotes[c.index] = quote
        approved_at = min(
            timezone.make_aware(
                dt.datetime.combine(c.start - dt.timedelta(days=rng.randint(3, 20)), dt.time(10))
            ),
            now - dt.timedelta(hours=1),
        )
        rows.append(
            Campaign(
                advertiser_id=adv_pk[c.advertiser],
                title=f"Campagne {c.index + 1:04d}",
                product=f"Produit {c.index % 97 + 1}",
                sector_id=c.sector_id,
                objective="promotion",
                languages=["fr"],
                start_date=c.start,
                end_date=c.end,
                spot_length=c.length,
                creative_mode="provide",
                status=_campaign_status(c, past),
                wizard_step=5,
                rate_card=card,
                quote=quote.as_dict(),
                quote_subtotal=quote.subtotal,
                quote_discount=quote.discount,
                quote_vat=quote.vat,
                quote_total=quote.total,
                submitted_at=approved_at - dt.timedelta(days=2),
                approved_at=approved_at,
            )
        )
    created = Campaign.objects.bulk_create(rows, batch_size=500)
    campaign_pk = [row.pk for row in created]
    Campaign.objects.filter(pk__in=campaign_pk).update(
        created_at=F("submitted_at") - dt.timedelta(days=1)
    )
    CampaignLine.objects.bulk_create(
        [
            CampaignLine(
                campaign_id=campaign_pk[c.index],
                band_code=line.band,
                band_name=line.label,
                airings=line.airings,
            )
            for c in campaigns
            for line in quotes[c.index].lines
        ],
        batch_size=1000,
    )
    say(f"{len(created)} campaigns")

    image = get_image_model().objects.create(
        title="Spot bench", file=get_test_image_file("bench-spot.png")
    )
    spots = Spot.objects.bulk_create(
        [
            Spot(
                campaign_id=campaign_pk[c.index],
                advertiser_id=adv_pk[c.advertiser],
                kind=SpotKind.IMAGE,
                image=image,
                declared_length=c.length,
                review_state=ReviewState.APPROVED,
                reviewed_at=rows[c.index].approved_at,
            )
            for c in campaigns
        ],
        batch_size=500,
    )
    spot_pk = [s.pk for s in spots]

    break_rows = Break.objects.bulk_create(
        [
            Break(
                day=b.day,
                starts_at=b.starts_at,
                band_code=b.band,
                capacity=b.capacity,
                label=b.label,
                grid_slot_id=b.slot_id,
                booked_seconds=b.booked,
            )
            for b in breaks
        ],
        batch_size=1000,
    )
    break_pk = [b.pk for b in break_rows]
    say(f"{len(break_pk)} breaks")

    unit = {
        (c.index, line.band): line.unit_price for c in campaigns for line in quotes[c.index].lines
    }
    batch: list[Airing] = []
    count = 0
    for brk in breaks:
        for position, c in enumerate(brk.airings, start=1):
            campaign = campaigns[c]
            status = statuses.get((brk.index, c), AiringStatus.PLANNED)
            batch.append(
                Airing(
                    break_slot_id=break_pk[brk.index],
                    position=position,
                    campaign_id=campaign_pk[c],
                    spot_id=spot_pk[c],
                    advertiser_id=adv_pk[campaign.advertiser],
                    sector_id=campaign.sector_id,
                    band_code=brk.band,
                    length=campaign.length,
                    unit_price=unit[(c, brk.band)],
                    status=status,
                    confirmed_by=broadcaster if status != AiringStatus.PLANNED else None,
                    confirmed_at=(
                        brk.starts_at + dt.timedelta(minutes=2)
                        if status != AiringStatus.PLANNED
                        else None
                    ),
                    missed_reason=(
                        rng.choice(MISSED_REASONS) if status == AiringStatus.MISSED else ""
                    ),
                )
            )
        if len(batch) >= 5000:
            Airing.objects.bulk_create(batch, batch_size=1000)
            count += len(batch)
            batch = []
    Airing.objects.bulk_create(batch, batch_size=1000)
    count += len(batch)
    say(f"{count} airings")


def summary(
    *, generated: bool, seconds: float | None = None, cpu_seconds: float | None = None
) -> dict:
    """What the bench database holds (a few counting queries)."""
    from django.db.models import Count, Max, Min

    from accounts.models import Advertiser
    from broadcasting.models import Airing, Break
    from campaigns.models import Campaign

    span = Break.objects.aggregate(first=Min("day"), last=Max("day"))
    busiest = (
        Airing.objects.values("break_slot__day")
        .annotate(n=Count("pk"))
        .order_by("-n", "break_slot__day")
        .first()
    )
    by_status = dict(
        Airing.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    result = {
        "generated": generated,
        "breaks": Break.objects.count(),
        "airings": sum(by_status.values()),
        "airings_by_status": by_status,
        "campaigns": Campaign.objects.filter(
            advertiser__name__startswith="Annonceur bench"
        ).count(),
        "advertisers": Advertiser.objects.filter(name__startswith="Annonceur bench").count(),
        "first_day": span["first"],
        "last_day": span["last"],
        "busiest_day": busiest["break_slot__day"] if busiest else None,
        "busiest_day_airings": busiest["n"] if busiest else 0,
    }
    if seconds is not None:
        result["seconds"] = seconds
        result["cpu_seconds"] = cpu_seconds
    return result


if __name__ == "__main__":  # python bench/broadcast_data.py [scale]
    import os
    import tempfile

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(generate(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0, verbose=True))
    print(os.environ["DATABASE_URL"])
