"""Bad input on the billing services: each refused with a French message, and
nothing changed in the database (documents, lines, billed airings, payments,
allocations, audit trail, numbering series, balances)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from billing.exceptions import BillingError
from billing.models import (
    BilledAiring,
    BillingEvent,
    CreditNote,
    DocumentSeries,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentAllocation,
)
from billing.services.credit_notes import (
    create_credit_note,
    creditable,
    dismiss_credit_note,
    issue_credit_note,
)
from billing.services.drafts import create_draft, delete_draft
from billing.services.issue import issue_invoice
from billing.services.payments import allocate, allocate_to_oldest, record_payment
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db

YESTERDAY = dt.timedelta(days=1)


def snapshot():
    """Everything a refused write must leave as it was."""
    return (
        list(
            Invoice.objects.order_by("pk").values_list(
                "pk", "status", "number", "issued_at", "total", "credited", "paid", "balance"
            )
        ),
        list(InvoiceLine.objects.order_by("pk").values_list("pk", "quantity", "amount")),
        list(BilledAiring.objects.order_by("pk").values_list("airing", "invoice")),
        list(CreditNote.objects.order_by("pk").values_list("pk", "status", "number", "total")),
        list(Payment.objects.order_by("pk").values_list("pk", "amount", "unallocated")),
        list(PaymentAllocation.objects.order_by("pk").values_list("pk", "amount")),
        BillingEvent.objects.count(),
        list(DocumentSeries.objects.order_by("pk").values_list("kind", "year", "last_number")),
    )


def refused(call, *french):
    """Run `call` in French: it raises BillingError with `french` in its message,
    and nothing changed."""
    before = snapshot()
    with translation.override("fr"), pytest.raises(BillingError) as error:
        call()
    message = " ".join(error.value.messages)
    for text in french:
        assert text in message, message
    assert snapshot() == before
    return message


@pytest.fixture
def actor(db):
    return accountant_user()


@pytest.fixture
def issued(actor):
    campaign, _airings = campaign_on_air(aired=3)
    return issue_invoice(invoice=create_draft(campaign=campaign, actor=actor), actor=actor)


def test_issuing_twice(actor, issued):
    refused(lambda: issue_invoice(invoice=issued, actor=actor), "est déjà émise", issued.number)


def test_issuing_an_invoice_without_lines(actor):
    campaign, _airings = campaign_on_air(aired=1)
    empty = Invoice.objects.create(
        advertiser=campaign.advertiser,
        billed_to=campaign.advertiser,
        campaign=campaign,
        subject="Vide",
        vat_rate=Decimal("18"),
    )
    refused(lambda: issue_invoice(invoice=empty, actor=actor), "aucune ligne", "rien à émettre")


def test_billing_an_airing_twice(actor, issued):
    refused(
        lambda: create_draft(campaign=issued.campaign, actor=actor),
        "n'a plus de passage diffusé à facturer",
    )
    # Nor by a second draft while the first is still a draft.
    campaign, _airings = campaign_on_air(aired=2)
    create_draft(campaign=campaign, actor=actor)
    refused(lambda: create_draft(campaign=campaign, actor=actor), "plus de passage diffusé")


def test_credit_note_above_what_remains(actor, issued):
    remaining = creditable(issued)
    refused(
        lambda: create_credit_note(
            invoice=issued,
            actor=actor,
            reason="gesture",
            explanation="Geste",
            amount=remaining + 1,
        ),
        "peuvent encore faire l'objet d'un avoir",
    )
    note = create_credit_note(
        invoice=issued, actor=actor, reason="gesture", explanation="Geste", amount=remaining - 10
    )
    issue_credit_note(credit_note=note, actor=actor)
    refused(
        lambda: create_credit_note(
            invoice=issued, actor=actor, reason="gesture", explanation="Encore", amount=11
        ),
        "Seuls 10 FCFA",
    )


def test_payment_over_the_balance_stays_a_credit_on_account(actor, issued):
    payer = issued.billed_to
    received = timezone.localdate() - YESTERDAY
    too_much = issued.balance + 5_000
    # Allocated in the same step: the whole payment is refused, nothing recorded.
    refused(
        lambda: record_payment(
            payer=payer,
            actor=actor,
            method="transfer",
            amount=too_much,
            received_on=received,
            allocations=[(issued, too_much)],
        ),
        "le surplus reste un avoir en compte",
    )
    payment = record_payment(
        payer=payer, actor=actor, method="transfer", amount=too_much, received_on=received
    )
    assert payment.unallocated == too_much
    refused(
        lambda: allocate(payment=payment, invoice=issued, amount=too_much, actor=actor),
        f"Il reste {issued.balance:,} FCFA".replace(",", "\u202f"),
    )
    allocate_to_oldest(payment=payment, actor=actor)
    payment.refresh_from_db()
    issued.refresh_from_db()
    assert issued.balance == 0 and issued.status == "paid"
    assert payment.unallocated == 5_000  # kept, never lost


def test_cash_above_the_legal_cap(actor, issued):
    refused(
        lambda: record_payment(
            payer=issued.billed_to,
            actor=actor,
            method="cash",
            amount=1_000_000,
            received_on=timezone.localdate() - YESTERDAY,
        ),
        "espèces au-delà de 999\u202f999 FCFA sont interdits",
    )
    payment = record_payment(
        payer=issued.billed_to,
        actor=actor,
        method="cash",
        amount=999_999,
        received_on=timezone.localdate() - YESTERDAY,
    )
    assert payment.amount == 999_999


@pytest.mark.parametrize(
    "amount, french",
    [
        (-5, "supérieurs à zéro"),
        (0, "supérieurs à zéro"),
        (10.5, "nombres entiers de francs"),
        (Decimal("10"), "nombres entiers de francs"),
        ("100", "nombres entiers de francs"),
        (True, "nombres entiers de francs"),
        (None, "nombres entiers de francs"),
    ],
)
def test_payment_amounts_are_positive_whole_francs(actor, issued, amount, french):
    refused(
        lambda: record_payment(
            payer=issued.billed_to,
            actor=actor,
            method="transfer",
            amount=amount,
            received_on=timezone.localdate() - YESTERDAY,
        ),
        french,
    )
    payment = record_payment(
        payer=issued.billed_to,
        actor=actor,
        method="transfer",
        amount=100,
        received_on=timezone.localdate() - YESTERDAY,
    )
    refused(lambda: allocate(payment=payment, invoice=issued, amount=amount, actor=actor), french)


@pytest.mark.parametrize(
    "amount, french",
    [(-1, "est positif"), (0, "est positif"), (1.5, "nombre entier"), (Decimal("2"), "entier")],
)
def test_credit_note_amounts_are_positive_whole_francs(actor, issued, amount, french):
    refused(
        lambda: create_credit_note(
            invoice=issued, actor=actor, reason="gesture", explanation="Geste", amount=amount
        ),
        french,
    )


def test_an_issued_invoice_is_never_deleted(actor, issued):
    refused(
        lambda: delete_draft(invoice=issued, actor=actor),
        "n'est jamais supprimée",
        "corrigez-la par un avoir",
    )


def test_an_issued_credit_note_is_never_changed(actor, issued):
    note = create_credit_note(
        invoice=issued, actor=actor, reason="gesture", explanation="Geste", amount=1_000
    )
    issue_credit_note(credit_note=note, actor=actor)
    refused(lambda: dismiss_credit_note(credit_note=note, actor=actor), "jamais modifié")
    refused(lambda: issue_credit_note(credit_note=note, actor=actor), "est déjà émis")


def test_only_billing_staff(issued, advertiser_a, broadcaster):
    for user in (advertiser_a, broadcaster, None):
        refused(
            lambda user=user: issue_invoice(invoice=issued, actor=user),
            "l'équipe commerciale et les comptables",
        )


def test_payment_in_the_future(actor, issued):
    refused(
        lambda: record_payment(
            payer=issued.billed_to,
            actor=actor,
            method="transfer",
            amount=100,
            received_on=timezone.localdate() + YESTERDAY,
        ),
        "ne peut pas être dans le futur",
    )
