"""Advance invoices (acomptes): raised at approval for advertisers who prepay, a
percentage of what the campaign will be billed; the final invoice deducts it."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Status

from ..compute import PricedLine, advance_amounts, compute, percent_of
from ..conf import billing_settings
from ..exceptions import BillingError
from ..frozen import frozen_prices
from ..models import BillingEvent, Invoice, InvoiceKind, InvoiceLine, LineKind
from ..words import amount_in_words
from .base import check_billing_staff, log
from .drafts import commission_percent, withholding_percent

ADVANCE_STATUSES = (Status.APPROVED, Status.SCHEDULED, Status.AIRING)


def expected_total(campaign, conf) -> int:
    """What the whole campaign will be billed, commission deducted, VAT included."""
    prices = frozen_prices(campaign)
    lines = [
        PricedLine(
            band=band,
            label=label,
            spot_length=prices.spot_length,
            airings=count,
            unit_price_incl_vat=unit,
        )
        for band, (label, unit), count in (
            (line.band_code, prices.unit(line.band_code), line.airings)
            for line in campaign.lines.all()
        )
        if count and unit
    ]
    totals = compute(
        lines,
        vat_rate=prices.vat_rate,
        discount_percent=prices.discount_percent,
        commission_percent=commission_percent(campaign.advertiser, conf),
    )
    return totals.total


@transaction.atomic
def create_advance(*, campaign: Campaign, actor, percent: int | None = None) -> Invoice:
    """A draft advance invoice of `percent` % (the advertiser's default) of the
    campaign's expected total."""
    check_billing_staff(actor)
    campaign = Campaign.objects.select_for_update().select_related("advertiser").get(pk=campaign.pk)
    if campaign.status not in ADVANCE_STATUSES:
        raise BillingError(_("An advance is invoiced once the campaign is approved."))
    if Invoice.objects.filter(campaign=campaign, kind=InvoiceKind.ADVANCE).exists():
        raise BillingError(_("This campaign already has an advance invoice."))
    advertiser = campaign.advertiser
    percent = advertiser.prepayment_percent if percent is None else percent
    if not isinstance(percent, int) or not 1 <= percent <= 100:
        raise BillingError(_("The advance is a whole percentage between 1 and 100."))
    conf = billing_settings()
    prices = frozen_prices(campaign)
    expected = expected_total(campaign, conf)
    if expected <= 0:
        raise BillingError(_("This campaign has no frozen price to invoice an advance on."))
    excl, vat, incl = advance_amounts(expected, percent, prices.vat_rate)
    billed_to = advertiser.agency or advertiser
    withheld_percent = withholding_percent(billed_to, conf)
    withheld = percent_of(vat, Decimal(withheld_percent)) if withheld_percent else 0
    invoice = Invoice.objects.create(
        kind=InvoiceKind.ADVANCE,
        advertiser=advertiser,
        billed_to=billed_to,
        campaign=campaign,
        period_start=campaign.start_date,
        period_end=campaign.end_date,
        subject=_("Advance of %(percent)s %% on the campaign “%(title)s”")
        % {"percent": percent, "title": campaign.title},
        vat_rate=prices.vat_rate,
        gross=excl,
        total_excl_vat=excl,
        vat=vat,
        total=incl,
        vat_withheld=int(withheld),
        net_to_pay=incl - int(withheld),
        amount_in_words=amount_in_words(incl),
    )
    InvoiceLine.objects.create(
        invoice=invoice,
        kind=LineKind.ADVANCE,
        description=invoice.subject,
        quantity=1,
        unit_price_incl_vat=incl,
        unit_price=excl,
        amount_incl_vat=incl,
        amount=excl,
    )
    log(BillingEvent.Action.DRAFTED, actor=actor, invoice=invoice, detail=invoice.subject)
    return invoice
