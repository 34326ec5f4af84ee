"""Billing services on any sequence of airings (hypothesis, database): aired,
missed, missed then made good (aired or not), still planned; billed in one run
or in two periods. Billed airings = aired airings, each billed once; then any
credit notes and payments keep net to pay − credited − paid = balance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.exceptions import BillingError
from billing.models import BilledAiring, CreditStatus, Invoice, InvoiceLine, PaymentAllocation
from billing.services.credit_notes import create_credit_note, creditable, issue_credit_note
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.services.payments import record_payment
from billing.tests.factories import accountant_user
from broadcasting.models import Airing, AiringStatus
from broadcasting.tests.factories import AiringFactory, BookedCampaignFactory, frozen_quote

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STEPS = ("aired", "missed", "made_good", "made_good_missed", "planned")


class Undo(Exception):
    """Rolls an example back, so that the next one starts from the same database."""


def _air(campaign, steps):
    for step in steps:
        if step == "aired":
            AiringFactory(campaign=campaign, aired=True)
        elif step == "planned":
            AiringFactory(campaign=campaign)
        else:
            missed = AiringFactory(campaign=campaign, missed=True)
            if step == "made_good":
                AiringFactory(campaign=campaign, aired=True, make_good_of=missed)
            elif step == "made_good_missed":
                AiringFactory(campaign=campaign, missed=True, make_good_of=missed)


def _bill(campaign, actor, split_day) -> list[Invoice]:
    """Draft and issue the campaign's invoices: up to `split_day` then the rest
    (or all at once); a run with nothing aired is refused, with nothing written."""
    runs = [(campaign.start_date, split_day), (None, None)] if split_day else [(None, None)]
    invoices = []
    for start, end in runs:
        try:
            draft = create_draft(campaign=campaign, actor=actor, start=start, end=end)
        except BillingError:
            continue
        invoices.append(issue_invoice(invoice=draft, actor=actor))
    return invoices


@SETTINGS
@given(
    steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=7),
    split=st.one_of(st.none(), st.integers(0, 6)),
)
def test_billed_airings_are_the_aired_ones_each_once(db, steps, split):
    try:
        with transaction.atomic():
            actor = accountant_user()
            campaign = BookedCampaignFactory(on_air=True)
            _air(campaign, steps)
            aired = set(
                Airing.objects.filter(campaign=campaign, status=AiringStatus.AIRED).values_list(
                    "pk", flat=True
                )
            )
            if split is None:
                # Every airing aired as sold: the invoice equals the frozen quote.
                line = campaign.lines.get()
                line.airings = max(len(aired), 1)
                line.save()
                frozen_quote(campaign)
            split_day = None if split is None else campaign.start_date + dt.timedelta(days=split)
            invoices = _bill(campaign, actor, split_day)
            billed = list(BilledAiring.objects.filter(invoice__campaign=campaign))
            assert {row.airing_id for row in billed} == aired
            assert len(billed) == len(aired)  # each once
            quantities = InvoiceLine.objects.filter(invoice__campaign=campaign).aggregate(
                n=Sum("quantity")
            )["n"]
            assert (quantities or 0) == len(aired)
            assert len(invoices) <= (2 if split_day else 1)
            if (
                split is None
                and aired
                and len(aired) == sum(1 for s in steps if s in ("aired", "made_good"))
            ):
                assert invoices[0].total == campaign.quote_total
            # Billing again finds nothing left.
            with pytest.raises(BillingError):
                create_draft(campaign=campaign, actor=actor)
            raise Undo
    except Undo:
        pass


@SETTINGS
@given(
    aired=st.integers(1, 5),
    withholds=st.booleans(),
    operations=st.lists(
        st.tuples(st.sampled_from(("credit", "pay", "pay_more")), st.integers(1, 100)),
        max_size=6,
    ),
)
def test_balance_is_net_to_pay_less_credited_less_paid(db, aired, withholds, operations):
    try:
        with transaction.atomic():
            actor = accountant_user()
            campaign = BookedCampaignFactory(on_air=True)
            campaign.advertiser.withholds_vat = withholds
            campaign.advertiser.save(update_fields=["withholds_vat"])
            _air(campaign, ["aired"] * aired)
            invoice = _bill(campaign, actor, None)[0]
            payer = invoice.billed_to
            received = timezone.localdate() - dt.timedelta(days=1)
            received_total = 0
            for kind, percent in operations:
                invoice.refresh_from_db()
                if kind == "credit":
                    remaining = creditable(invoice)
                    amount = max(1, remaining * percent // 100)
                    if remaining <= 0:
                        continue
                    note = create_credit_note(
                        invoice=invoice,
                        actor=actor,
                        reason="gesture",
                        explanation="Geste",
                        amount=amount,
                    )
                    issue_credit_note(credit_note=note, actor=actor)
                else:
                    part = max(1, invoice.balance * percent // 100)
                    amount = part + (percent * 7 if kind == "pay_more" else 0)
                    allocations = [(invoice, part)] if invoice.balance > 0 else []
                    record_payment(
                        payer=payer,
                        actor=actor,
                        method="transfer",
                        amount=amount,
                        received_on=received,
                        allocations=allocations,
                    )
                    received_total += amount
            invoice.refresh_from_db()
            credited = (
                invoice.credit_notes.filter(status=CreditStatus.ISSUED).aggregate(s=Sum("net"))["s"]
                or 0
            )
            paid = (
                PaymentAllocation.objects.filter(invoice=invoice).aggregate(s=Sum("amount"))["s"]
                or 0
            )
            assert invoice.credited == credited
            assert invoice.paid == paid
            assert invoice.balance == invoice.net_to_pay - credited - paid
            assert invoice.balance >= 0 or credited > 0
            # Nothing received is lost: allocated + credit on account = received.
            on_account = payer.payments.aggregate(s=Sum("unallocated"))["s"] or 0
            assert paid + on_account == received_total
            raise Undo
    except Undo:
        pass
