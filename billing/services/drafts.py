"""Invoice drafts: built from a campaign's aired, unbilled airings at its frozen
prices (a draft holds its airings, so no other invoice can take them), deleted
while still drafts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import BillingPeriod
from broadcasting.models import AiringStatus
from campaigns.models import Campaign

from ..compute import Advance, PricedLine, compute
from ..conf import billing_settings
from ..exceptions import BillingError
from ..frozen import frozen_prices
from ..models import (
    BilledAiring,
    BillingEvent,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
)
from ..selectors.billable import billing_bands, unbilled_airings
from .base import check_billing_staff, locked_invoice, log


def commission_percent(advertiser, conf) -> Decimal:
    if advertiser.agency_id is None:
        return Decimal("0")
    if advertiser.agency_commission_percent is not None:
        return advertiser.agency_commission_percent
    return conf.agency_commission_percent


def withholding_percent(billed_to, conf) -> int:
    return int(conf.vat_withholding_percent) if billed_to.withholds_vat else 0


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def open_advance(campaign) -> tuple[Invoice | None, Advance | None]:
    """The campaign's issued advance invoice and what of it remains to deduct."""
    advance = (
        Invoice.objects.filter(campaign=campaign, kind=InvoiceKind.ADVANCE)
        .exclude(issued_at__isnull=True)
        .order_by("issued_at", "pk")
        .first()
    )
    if advance is None:
        return None, None
    credited = advance.credit_notes.filter(status="issued").aggregate(
        incl=Coalesce(Sum("total"), 0), excl=Coalesce(Sum("total_excl_vat"), 0)
    )
    used = (
        Invoice.objects.filter(advance_of=advance)
        .exclude(status=InvoiceStatus.DRAFT)
        .aggregate(
            excl=Coalesce(Sum("advance_deducted"), 0), vat=Coalesce(Sum("advance_deducted_vat"), 0)
        )
    )
    credited_excl, used_excl = credited["excl"], used["excl"]
    remaining = advance.total - credited["incl"] - used_excl - used["vat"]
    if remaining <= 0:
        return advance, None
    return advance, Advance(
        total=remaining, total_excl_vat=advance.total_excl_vat - credited_excl - used_excl
    )


def _lines_for(campaign, airings) -> list[tuple[PricedLine, list]]:
    prices = frozen_prices(campaign)
    # A make-good is billed in the band it makes good (one more query, only then).
    bands = billing_bands(campaign) if any(a.make_good_of_id for a in airings) else {}
    grouped: dict[str, list] = {}
    for airing in airings:
        grouped.setdefault(bands.get(airing.pk, airing.band_code), []).append(airing)
    out = []
    for band, items in grouped.items():
        label, unit = prices.unit(band)
        if unit <= 0:
            raise BillingError(
                _("The frozen quote of this campaign has no price for the band “%(band)s”.")
                % {"band": band}
            )
        lengths = Counter(item.length for item in items)
        out.append(
            (
                PricedLine(
                    band=band,
                    label=label,
                    spot_length=lengths.most_common(1)[0][0],
                    airings=len(items),
                    unit_price_incl_vat=unit,
                ),
                items,
            )
        )
    return out


def _fill(invoice: Invoice, totals) -> None:
    from ..words import amount_in_words

    for name in (
        "gross",
        "discount",
        "commission",
        "advance_deducted",
        "advance_deducted_vat",
        "total_excl_vat",
        "vat",
        "total",
        "vat_withheld",
        "net_to_pay",
    ):
        setattr(invoice, name, getattr(totals, name))
    invoice.vat_rate = totals.vat_rate
    invoice.discount_percent = totals.discount_percent
    invoice.commission_percent = totals.commission_percent
    invoice.amount_in_words = amount_in_words(invoice.total)


@transaction.atomic
def create_draft(
    *,
    campaign: Campaign,
    actor,
    start: dt.date | None = None,
    end: dt.date | None = None,
    conf=None,
) -> Invoice:
    """A draft invoice of the campaign's aired airings not yet on an invoice
    (within [start, end] when given; for a monthly advertiser, the first month
    with such airings)."""
    check_billing_staff(actor)
    campaign = Campaign.objects.select_for_update().select_related("advertiser").get(pk=campaign.pk)
    advertiser = campaign.advertiser
    if start and end and end < start:
        raise BillingError(_("The end of the period is before its start."))
    if start is None and end is None and advertiser.billing_period == BillingPeriod.MONTHLY:
        first = unbilled_airings(campaign).values_list("break_slot__day", flat=True).first()
        if first is not None:
            start, end = month_bounds(first)
    airings = list(unbilled_airings(campaign, start=start, end=end))
    if not airings:
        raise BillingError(_("This campaign has no aired airing left to invoice."))
    conf = conf or billing_settings()
    grouped = _lines_for(campaign, airings)
    prices = frozen_prices(campaign)
    billed_to = advertiser.agency or advertiser
    advance_invoice, advance = open_advance(campaign)
    totals = compute(
        [line for line, _items in grouped],
        vat_rate=prices.vat_rate,
        discount_percent=prices.discount_percent,
        commission_percent=commission_percent(advertiser, conf),
        withholding_percent=withholding_percent(billed_to, conf),
        advance=advance,
    )
    days = [a.break_slot.day for a in airings]
    invoice = Invoice(
        kind=InvoiceKind.FINAL,
        advertiser=advertiser,
        billed_to=billed_to,
        campaign=campaign,
        period_start=start or min(days),
        period_end=end or max(days),
        subject=_("Airing of the campaign “%(title)s”") % {"title": campaign.title},
        advance_of=advance_invoice if advance is not None else None,
    )
    _fill(invoice, totals)
    invoice.save()
    billed: list[BilledAiring] = []
    for position, ((line, items), computed) in enumerate(zip(grouped, totals.lines, strict=True)):
        row = InvoiceLine.objects.create(
            invoice=invoice,
            position=position,
            kind=LineKind.AIRINGS,
            description=_("%(band)s · spot of %(length)s s")
            % {"band": line.label, "length": line.spot_length},
            band_code=line.band,
            spot_length=line.spot_length,
            quantity=line.airings,
            unit_price_incl_vat=computed.unit_price_incl_vat,
            unit_price=computed.unit_price,
            amount_incl_vat=computed.amount_incl_vat,
            amount=computed.amount,
        )
        billed.extend(BilledAiring(airing=item, invoice=invoice, line=row) for item in items)
    try:
        # No savepoint: on a conflict the whole draft is rolled back with this error.
        BilledAiring.objects.bulk_create(billed)
    except IntegrityError as exc:
        raise BillingError(
            _("Some of these airings were invoiced meanwhile: build the draft again.")
        ) from exc
    log(BillingEvent.Action.DRAFTED, actor=actor, invoice=invoice, detail=campaign.title)
    return invoice


@transaction.atomic
def delete_draft(*, invoice: Invoice, actor) -> None:
    """Delete a draft (its airings become billable again); an issued invoice is
    corrected by a credit note, never deleted."""
    check_billing_staff(actor)
    invoice = locked_invoice(invoice)
    if invoice.issued_at is not None:
        raise BillingError(_("An issued invoice is never deleted: correct it with a credit note."))
    log(BillingEvent.Action.DELETED, actor=actor, detail=f"{invoice.campaign} #{invoice.pk}")
    invoice.delete()


def stale_airings(invoice: Invoice) -> int:
    """How many airings of a draft are no longer aired (undone or missed)."""
    return (
        BilledAiring.objects.filter(invoice=invoice)
        .exclude(airing__status=AiringStatus.AIRED)
        .count()
    )
