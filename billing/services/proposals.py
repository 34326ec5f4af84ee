"""Credit notes proposed for missed airings not made good within the make-good
delay, when the client was invoiced for them: billed before the miss (a
confirmation undone), or covered by an advance that the aired airings did not
use. The commercial team confirms (issues) or dismisses each proposal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from broadcasting.models import Airing, AiringStatus

from ..compute import PricedLine, compute
from ..conf import billing_settings
from ..frozen import frozen_prices
from ..models import CreditReason, Invoice, InvoiceKind
from ..selectors.billable import billing_bands
from .credit_notes import create_credit_note, creditable
from .drafts import commission_percent, open_advance


def missed_candidates(now: dt.datetime, delay_days: int):
    """Missed airings past the delay, never made good (or whose make-good failed),
    not yet credited."""
    limit = now - dt.timedelta(days=delay_days)
    return (
        Airing.objects.filter(
            status=AiringStatus.MISSED,
            credit__isnull=True,
            break_slot__starts_at__lt=limit,
        )
        .filter(
            Q(make_good__isnull=True)
            | Q(make_good__status__in=[AiringStatus.MISSED, AiringStatus.CANCELLED])
        )
        .select_related("campaign", "campaign__advertiser", "billing__invoice")
    )


def credit_value(campaign, airings) -> int:
    """What `airings` were (or would be) invoiced for, VAT included."""
    prices = frozen_prices(campaign)
    bands = billing_bands(campaign)
    counts: dict[str, int] = defaultdict(int)
    for airing in airings:
        counts[bands.get(airing.pk, airing.band_code)] += 1
    lines = []
    for band, count in counts.items():
        label, unit = prices.unit(band)
        if unit:
            lines.append(PricedLine(band, label, prices.spot_length, count, unit))
    totals = compute(
        lines,
        vat_rate=prices.vat_rate,
        discount_percent=prices.discount_percent,
        commission_percent=commission_percent(campaign.advertiser, billing_settings()),
    )
    return totals.total


def _campaign_settled(campaign) -> bool:
    pending = campaign.airings.filter(
        Q(status=AiringStatus.PLANNED) | Q(status=AiringStatus.AIRED, billing__isnull=True)
    )
    return not pending.exists()


def _describe(airings) -> str:
    days = sorted(
        {timezone.localtime(a.break_slot.starts_at).strftime("%d/%m/%Y") for a in airings}
    )
    return _("%(count)s missed airing(s) not made good (%(days)s)") % {
        "count": len(airings),
        "days": ", ".join(days[:10]) + ("…" if len(days) > 10 else ""),
    }


def propose_missed_credits(*, now: dt.datetime | None = None) -> int:
    """Create the proposals; returns how many. Safe to run again (an airing is
    proposed once; a dismissed proposal frees it for a later run)."""
    now = now or timezone.now()
    conf = billing_settings()
    by_invoice: dict[int, list] = defaultdict(list)
    by_campaign: dict[int, list] = defaultdict(list)
    invoices: dict[int, Invoice] = {}
    for airing in missed_candidates(now, conf.make_good_delay_days).select_related("break_slot"):
        billed = getattr(airing, "billing", None)
        if billed is not None and billed.invoice.issued_at is not None:
            invoices[billed.invoice_id] = billed.invoice
            by_invoice[billed.invoice_id].append(airing)
        elif billed is None:
            by_campaign[airing.campaign_id].append(airing)
    created = 0
    for invoice_id, airings in by_invoice.items():
        invoice = invoices[invoice_id]
        amount = min(credit_value(invoice.campaign, airings), creditable(invoice))
        created += _propose(invoice, airings, amount)
    for airings in by_campaign.values():
        campaign = airings[0].campaign
        if not Invoice.objects.filter(campaign=campaign, kind=InvoiceKind.ADVANCE).exists():
            continue  # never invoiced: nothing to credit
        if not _campaign_settled(campaign):
            continue  # the final invoice will deduct the advance first
        advance, remaining = open_advance(campaign)
        if advance is None or remaining is None:
            continue
        amount = min(credit_value(campaign, airings), remaining.total, creditable(advance))
        created += _propose(advance, airings, amount)
    return created


def _propose(invoice, airings, amount: int) -> int:
    """A proposed credit note of `amount` on `invoice` for `airings` (1), or none (0)."""
    if amount <= 0:
        return 0
    create_credit_note(
        invoice=invoice,
        actor=None,
        reason=CreditReason.MISSED,
        explanation=_describe(airings),
        amount=amount,
        airings=airings,
        proposed=True,
    )
    return 1
