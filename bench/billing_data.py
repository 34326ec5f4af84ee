"""Billing documents for the ageing bench (bench/billing.py), by bulk inserts over
the advertisers and campaigns of the busy year (bench/broadcast_data.py)."""

from __future__ import annotations

import datetime as dt


def documents(count: int, offset: int, today: dt.date, actor) -> None:
    """`count` documents (4 invoices, then a credit note on the last one and a
    payment, in turn) over the bench advertisers, by bulk inserts."""
    import random
    from decimal import Decimal

    from django.utils import timezone

    from billing.models import CreditNote, Invoice, InvoiceStatus, Payment
    from campaigns.models import Campaign

    rng = random.Random(offset)
    campaigns = list(
        Campaign.objects.filter(advertiser__name__startswith="Annonceur bench")
        .values_list("pk", "advertiser_id")
        .order_by("pk")
    )
    invoices, notes, payments = [], [], []
    index = offset
    while len(invoices) + len(notes) + len(payments) < count:
        index += 1
        campaign, advertiser = campaigns[index % len(campaigns)]
        issued = today - dt.timedelta(days=rng.randint(0, 200))
        total = rng.randint(50, 5_000) * 1_000
        vat = total - round(total * 100 / 118)
        kind = index % 6
        if kind < 4:
            paid = rng.choice((0, 0, total // 3, total))
            invoices.append(
                Invoice(
                    advertiser_id=advertiser,
                    billed_to_id=advertiser,
                    campaign_id=campaign,
                    subject="Bench",
                    vat_rate=Decimal("18"),
                    gross=total - vat,
                    total_excl_vat=total - vat,
                    vat=vat,
                    total=total,
                    net_to_pay=total,
                    paid=paid,
                    balance=total - paid,
                    status=InvoiceStatus.PAID if paid == total else InvoiceStatus.ISSUED,
                    number=f"FB-{index:07d}",
                    year=1990,
                    sequence=index,
                    issued_at=timezone.make_aware(dt.datetime.combine(issued, dt.time(10))),
                    issued_by=actor,
                    due_date=issued + dt.timedelta(days=30),
                )
            )
        elif kind == 4:
            notes.append(index)
        else:
            payments.append(
                Payment(
                    payer_id=advertiser,
                    method="transfer",
                    amount=total,
                    unallocated=total if rng.random() < 0.2 else 0,
                    received_on=issued,
                    recorded_by=actor,
                )
            )
    created = Invoice.objects.bulk_create(invoices, batch_size=500)
    CreditNote.objects.bulk_create(
        [
            CreditNote(
                invoice=created[i % len(created)],
                status="issued",
                reason="gesture",
                explanation="Bench",
                total_excl_vat=8_475,
                vat=1_525,
                total=10_000,
                net=10_000,
                number=f"AB-{index:07d}",
                year=1990,
                sequence=index,
                issued_at=created[i % len(created)].issued_at,
            )
            for i, index in enumerate(notes)
        ],
        batch_size=500,
    )
    Payment.objects.bulk_create(payments, batch_size=500)
