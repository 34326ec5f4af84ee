"""factory-boy factories for broadcasting: the weekly break grid, dated breaks,
airings, what the scheduler could not place, and broadcast certificates.

They build objects the way the services do:
- a break's `starts_at` is the aware moment of its time in the running order
  of its broadcast day (`core.clock.starts_at`: a 00:30 break belongs to the
  day before);
- an airing is made for a booked campaign (`BookedCampaignFactory`: approved,
  an approved spot, its quote frozen with BF1's 2025 card), in a break of one
  of the campaign's bands within its dates, at the unit price of the frozen
  quote; a planned or aired airing takes its seconds in the break
  (`booked_seconds`), as the scheduler does;
- a certificate lists the campaign's aired airings with their fingerprint, so
  that the public check (`services.certificates.still_matches`) accepts it.

Aired and missed airings need a campaign that already started:
`AiringFactory(aired=True)` makes one (`BookedCampaignFactory(on_air=True)`,
from a week ago to a week ahead) and puts the airings in its past days."""

from __future__ import annotations

import datetime as dt

import factory
from django.db.models import F
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from broadcasting.models import (
    Airing,
    AiringStatus,
    Break,
    BreakGridSlot,
    BreakStatus,
    BroadcastCertificate,
    UnplacedItem,
    UnplacedReason,
)
from broadcasting.models.airing import BOOKED_STATUSES
from broadcasting.services.certificates import fingerprint, new_code
from broadcasting.services.rules import current_spot
from campaigns.models import ReviewState, Status
from campaigns.selectors import placement_request
from campaigns.services import freeze_quote
from campaigns.tests.factories import CampaignFactory, SpotFactory
from core import clock as broadcast_day
from simulator import selectors as card_selectors
from simulator.demo import ensure_demo_rate_card
from simulator.pricing import LineRequest, QuoteRequest, price

# When each band's breaks start (the default time of a break in that band).
BAND_TIMES = {
    "matinee": dt.time(7, 30),
    "mi-journee": dt.time(13, 25),
    "apres-midi": dt.time(15, 30),
    "avant-soiree": dt.time(18, 30),
    "prime-time": dt.time(19, 30),
    "fin-de-soiree": dt.time(22, 30),
}
BAND_LABELS = {
    "matinee": "Écran Matinée",
    "mi-journee": "Écran JT 13h",
    "apres-midi": "Écran Après-midi",
    "avant-soiree": "Écran Avant-soirée",
    "prime-time": "Écran JT 19h30",
    "fin-de-soiree": "Écran Fin de soirée",
}
MISSED_REASON = "Coupure de courant à l'émetteur de Ouagadougou"


def next_week() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


# --- The grid and the breaks ----------------------------------------------------------


def _grid_time(n: int) -> dt.time:
    """19:30, 19:31, ...: a different time for each week of slots (the grid
    allows one break per weekday and time)."""
    minutes = 19 * 60 + 30 + n // 7
    return dt.time((minutes // 60) % 24, minutes % 60)


class BreakGridSlotFactory(DjangoModelFactory):
    """A break of the weekly grid in prime time; successive slots fall on
    successive weekdays."""

    class Meta:
        model = BreakGridSlot

    class Params:
        inactive = factory.Trait(is_active=False)

    weekday = factory.Sequence(lambda n: n % 7)
    time = factory.Sequence(_grid_time)
    band_code = "prime-time"
    capacity = 180
    label = factory.LazyAttribute(lambda o: BAND_LABELS.get(o.band_code, ""))
    is_active = True


class BreakFactory(DjangoModelFactory):
    """An open break next week in prime time, 180 s, not from the grid.
    `time=`: its time in the running order (by default the usual time of its
    band). Traits: `from_grid` (generated from a grid slot of its weekday and
    time), `exceptional`, `cancelled`, `past` (three days ago)."""

    class Meta:
        model = Break

    class Params:
        time = factory.LazyAttribute(lambda o: BAND_TIMES.get(o.band_code, dt.time(19, 30)))
        from_grid = factory.Trait(
            grid_slot=factory.SubFactory(
                BreakGridSlotFactory,
                weekday=factory.LazyAttribute(lambda s: s.factory_parent.day.weekday()),
                time=factory.SelfAttribute("..time"),
                band_code=factory.SelfAttribute("..band_code"),
                capacity=factory.SelfAttribute("..capacity"),
            ),
        )
        exceptional = factory.Trait(
            is_exceptional=True, label="Écran exceptionnel — finale des Étalons"
        )
        cancelled = factory.Trait(
            status=BreakStatus.CANCELLED,
            cancel_reason="Programme remplacé par une édition spéciale du journal",
        )
        past = factory.Trait(day=factory.LazyFunction(lambda: days_ago(3)))

    day = factory.LazyFunction(next_week)
    starts_at = factory.LazyAttribute(lambda o: broadcast_day.starts_at(o.day, o.time))
    band_code = "prime-time"
    capacity = 180
    label = factory.LazyAttribute(lambda o: BAND_LABELS.get(o.band_code, ""))
    grid_slot = None
    is_exceptional = False
    status = BreakStatus.OPEN
    booked_seconds = 0


# --- Booked campaigns -----------------------------------------------------------------


def frozen_quote(campaign) -> None:
    """Price the campaign's lines with BF1's 2025 card (created when missing)
    and freeze the quote on it, as submission does."""
    card = ensure_demo_rate_card()[0]
    quote = price(
        card_selectors.pricing_data(card),
        QuoteRequest(
            spot_length=campaign.spot_length,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            lines=tuple(
                LineRequest(band=line.band_code, airings=line.airings)
                for line in campaign.lines.all()
            ),
            options=tuple(campaign.options),
        ),
    )
    freeze_quote(campaign, card, quote)
    campaign.save()


class BookedCampaignFactory(CampaignFactory):
    """A campaign ready for the running order: submitted and approved, its quote
    frozen with the 2025 card (its bands must be that card's: "prime-time",
    "matinee"…), an approved image spot, status "programmée" (pass
    `status=Status.APPROVED` for one the scheduler has yet to place). `on_air`:
    it started a week ago and runs another week ("en diffusion")."""

    class Params:
        on_air = factory.Trait(
            status=Status.AIRING,
            start_date=factory.LazyFunction(lambda: days_ago(7)),
            end_date=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7)),
        )

    status = Status.SCHEDULED
    submitted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    approved_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=9))

    # After `lines` (declared by CampaignFactory): the quote prices them.
    @factory.post_generation
    def priced(self, create, extracted, **kwargs):
        if create:
            frozen_quote(self)

    approved_spot = factory.RelatedFactory(
        SpotFactory,
        "campaign",
        review_state=ReviewState.APPROVED,
        reviewed_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=9)),
    )


# --- Airings ----------------------------------------------------------------------------


def _first_band(campaign) -> str:
    line = campaign.lines.order_by("pk").first() if campaign.pk else None
    return line.band_code if line is not None else "prime-time"


def _airing_day(airing) -> dt.date:
    """The campaign's first day without one of its airings (its first day, then
    the second…), so that successive airings spread over the campaign as the
    scheduler spreads them; its last day once every day has one."""
    campaign = airing.campaign
    taken = (
        set(Airing.objects.filter(campaign=campaign).values_list("break_slot__day", flat=True))
        if campaign.pk
        else set()
    )
    day = campaign.start_date
    while day in taken and day < campaign.end_date:
        day += dt.timedelta(days=1)
    return day


def _position(airing) -> int:
    brk = airing.break_slot
    return brk.airings.count() + 1 if brk.pk else 1


class AiringFactory(DjangoModelFactory):
    """A planned airing of a booked campaign (`BookedCampaignFactory` next week)
    in a break of the campaign's first band, on the campaign's next free day.
    Traits: `aired` (confirmed by a broadcaster a minute after its break
    started), `missed` (with its reason); both on a campaign on air, in its past
    days. Pass `break_slot=` with `band_code=` for a given break."""

    class Meta:
        model = Airing
        skip_postgeneration_save = True

    class Params:
        aired = factory.Trait(
            campaign=factory.SubFactory(BookedCampaignFactory, on_air=True),
            status=AiringStatus.AIRED,
            confirmed_by=factory.SubFactory(UserFactory, roles=[Role.BROADCASTER]),
            confirmed_at=factory.LazyAttribute(
                lambda o: o.break_slot.starts_at + dt.timedelta(minutes=1)
            ),
        )
        missed = factory.Trait(
            campaign=factory.SubFactory(BookedCampaignFactory, on_air=True),
            status=AiringStatus.MISSED,
            missed_reason=MISSED_REASON,
            confirmed_by=factory.SubFactory(UserFactory, roles=[Role.BROADCASTER]),
            confirmed_at=factory.LazyAttribute(
                lambda o: o.break_slot.starts_at + dt.timedelta(minutes=5)
            ),
        )

    campaign = factory.SubFactory(BookedCampaignFactory)
    band_code = factory.LazyAttribute(lambda o: _first_band(o.campaign))
    break_slot = factory.SubFactory(
        BreakFactory,
        day=factory.LazyAttribute(lambda b: _airing_day(b.factory_parent)),
        band_code=factory.SelfAttribute("..band_code"),
    )
    position = factory.LazyAttribute(_position)
    spot = factory.LazyAttribute(lambda o: current_spot(o.campaign) if o.campaign.pk else None)
    advertiser = factory.SelfAttribute("campaign.advertiser")
    sector = factory.SelfAttribute("campaign.sector")
    length = factory.SelfAttribute("campaign.spot_length")
    unit_price = factory.LazyAttribute(
        lambda o: placement_request(o.campaign).unit_price(o.band_code) if o.campaign.pk else 0
    )
    status = AiringStatus.PLANNED

    @factory.post_generation
    def booked(self, create, extracted, **kwargs):
        """A planned or aired airing holds its seconds in the break."""
        if create and self.status in BOOKED_STATUSES:
            Break.objects.filter(pk=self.break_slot_id).update(
                booked_seconds=F("booked_seconds") + self.length
            )
            self.break_slot.refresh_from_db(fields=["booked_seconds"])


class UnplacedItemFactory(DjangoModelFactory):
    """An airing of a booked campaign the scheduler could not place (breaks
    full), at the frozen unit price of its band. Traits: `missed` (a missed
    airing left without a make-good), `resolved` (released by an administrator)."""

    class Meta:
        model = UnplacedItem

    class Params:
        missed = factory.Trait(
            campaign=factory.SubFactory(BookedCampaignFactory, on_air=True),
            reason=UnplacedReason.MISSED,
            source_airing=factory.SubFactory(
                AiringFactory,
                missed=True,
                campaign=factory.SelfAttribute("..campaign"),
                band_code=factory.SelfAttribute("..band_code"),
            ),
        )
        resolved = factory.Trait(
            resolved_at=factory.LazyFunction(timezone.now),
            resolved_by=factory.SubFactory(UserFactory, roles=[Role.ADMINISTRATOR]),
            resolution="released",
        )

    campaign = factory.SubFactory(BookedCampaignFactory)
    band_code = factory.LazyAttribute(lambda o: _first_band(o.campaign))
    reason = UnplacedReason.FULL
    unit_price = factory.LazyAttribute(
        lambda o: placement_request(o.campaign).unit_price(o.band_code) if o.campaign.pk else 0
    )
    source_airing = None


# --- Certificates -------------------------------------------------------------------------


def _aired_airings(campaign) -> list[Airing]:
    """The campaign's aired airings; two are aired first when it has none."""
    airings = list(
        Airing.objects.filter(campaign=campaign, status=AiringStatus.AIRED).select_related(
            "break_slot"
        )
    )
    if not airings:
        airings = AiringFactory.create_batch(2, aired=True, campaign=campaign)
    return sorted(airings, key=lambda a: (a.break_slot.starts_at, a.position, a.pk))


class BroadcastCertificateFactory(DjangoModelFactory):
    """The certificate of a campaign on air, listing its aired airings (two are
    aired for it when it has none), with the same summary and fingerprint as
    `services.certificates.issue_certificate` records. `for_period`: the
    advertiser's certificate over the days of those airings (no campaign)."""

    class Meta:
        model = BroadcastCertificate

    class Params:
        aired_campaign = factory.SubFactory(BookedCampaignFactory, on_air=True)
        airings = factory.LazyAttribute(lambda o: _aired_airings(o.aired_campaign))
        for_period = factory.Trait(campaign=None, campaign_title="")

    code = factory.LazyFunction(new_code)
    advertiser = factory.SelfAttribute("aired_campaign.advertiser")
    campaign = factory.SelfAttribute("aired_campaign")
    advertiser_name = factory.SelfAttribute("advertiser.name")
    campaign_title = factory.SelfAttribute("aired_campaign.title")
    period_start = factory.LazyAttribute(lambda o: min(a.break_slot.day for a in o.airings))
    period_end = factory.LazyAttribute(lambda o: max(a.break_slot.day for a in o.airings))
    issued_at = factory.LazyFunction(timezone.now)
    issued_by = factory.SelfAttribute("aired_campaign.created_by")
    aired_count = factory.LazyAttribute(lambda o: len(o.airings))
    total_seconds = factory.LazyAttribute(lambda o: sum(a.length for a in o.airings))
    total_amount = factory.LazyAttribute(lambda o: sum(a.unit_price for a in o.airings))
    airing_ids = factory.LazyAttribute(lambda o: [a.pk for a in o.airings])
    content_hash = factory.LazyAttribute(
        lambda o: fingerprint((a.pk, a.confirmed_at) for a in o.airings)
    )
