"""Credit notes: a commercial gesture, the cancellation of an invoice, or the
missed airings not made good within the make-good delay (proposed by a task,
confirmed by the commercial team). Each reduces what remains of its invoice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import grouped

from ..compute import credit_amounts
from ..conf import billing_settings
from ..exceptions import BillingError
from ..models import (
    BillingEvent,
    CreditedAiring,
    CreditNote,
    CreditNoteLine,
    CreditReason,
    CreditStatus,
    Invoice,
    SeriesKind,
)
from ..words import amount_in_words
from .balances import refresh_balance
from .base import check_billing_staff, client_snapshot, locked_invoice, log, seller_snapshot
from .issue import certify_now, write_pdf
from .numbering import next_number


def creditable(invoice: Invoice) -> int:
    """What may still be credited on `invoice`, VAT included: its total less the
    credit notes issued or waiting (proposed or draft) on it."""
    taken = (
        invoice.credit_notes.exclude(status=CreditStatus.DISMISSED).aggregate(s=Sum("total"))["s"]
        or 0
    )
    return invoice.total - taken


def _amounts(invoice: Invoice, amount_incl_vat: int, conf) -> dict:
    withholding = int(conf.vat_withholding_percent) if invoice.vat_withheld else 0
    if (
        amount_incl_vat == creditable(invoice)
        and not invoice.credit_notes.exclude(status=CreditStatus.DISMISSED).exists()
    ):
        # The whole invoice: its own amounts, to the franc.
        return {
            "total_excl_vat": invoice.total_excl_vat,
            "vat": invoice.vat,
            "total": invoice.total,
            "vat_withheld": invoice.vat_withheld,
            "net": invoice.net_to_pay,
        }
    excl, vat, incl, withheld, net = credit_amounts(amount_incl_vat, invoice.vat_rate, withholding)
    return {"total_excl_vat": excl, "vat": vat, "total": incl, "vat_withheld": withheld, "net": net}


def _check_amount(invoice: Invoice, amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise BillingError(
            _("The amount is a whole number of francs."),
            {"amount": [_("Enter a whole number of francs.")]},
        )
    if amount <= 0:
        raise BillingError(
            _("The amount of a credit note is positive."),
            {"amount": [_("Enter an amount greater than zero.")]},
        )
    remaining = creditable(invoice)
    if amount > remaining:
        raise BillingError(
            _("Only %(remaining)s FCFA of this invoice may still be credited.")
            % {"remaining": grouped(remaining)},
            {"amount": [_("At most %(remaining)s FCFA.") % {"remaining": remaining}]},
        )
    return amount


@transaction.atomic
def create_credit_note(
    *,
    invoice: Invoice,
    actor,
    reason: str,
    explanation: str,
    amount: int | None = None,
    airings=(),
    proposed: bool = False,
) -> CreditNote:
    """A draft (or proposed) credit note on an issued invoice. `amount` incl.
    VAT; a cancellation credits all that remains; missed airings are credited
    at their net price on the invoice's terms."""
    if not proposed:
        check_billing_staff(actor)
    invoice = locked_invoice(invoice)
    if invoice.issued_at is None:
        raise BillingError(_("A credit note corrects an issued invoice, not a draft."))
    if reason not in CreditReason.values:
        raise BillingError(
            _("Choose the reason of the credit note."), {"reason": [_("Choose a reason.")]}
        )
    explanation = " ".join((explanation or "").split())[:500]
    if not explanation:
        raise BillingError(
            _("State the reason of the credit note: it is printed on it."),
            {"explanation": [_("This field is required.")]},
        )
    if reason == CreditReason.CANCELLATION:
        amount = creditable(invoice)
        if amount <= 0:
            raise BillingError(_("Nothing remains to credit on this invoice."))
    amount = _check_amount(invoice, amount)
    conf = billing_settings()
    note = CreditNote.objects.create(
        invoice=invoice,
        status=CreditStatus.PROPOSED if proposed else CreditStatus.DRAFT,
        reason=reason,
        explanation=explanation,
        created_by=actor if getattr(actor, "pk", None) else None,
        amount_in_words=amount_in_words(amount),
        **_amounts(invoice, amount, conf),
    )
    airings = list(airings)
    CreditNoteLine.objects.create(
        credit_note=note,
        description=explanation,
        quantity=len(airings) or 1,
        amount_incl_vat=note.total,
        amount=note.total_excl_vat,
    )
    if airings:
        try:
            with transaction.atomic():
                CreditedAiring.objects.bulk_create(
                    [CreditedAiring(airing=airing, credit_note=note) for airing in airings]
                )
        except IntegrityError as exc:
            raise BillingError(_("One of these airings is already credited.")) from exc
    log(
        BillingEvent.Action.PROPOSED if proposed else BillingEvent.Action.DRAFTED,
        actor=actor,
        invoice=invoice,
        credit_note=note,
        detail=explanation,
    )
    return note


def _locked_note(note: CreditNote) -> CreditNote:
    locked = CreditNote.objects.select_for_update().filter(pk=note.pk).first()
    if locked is None:
        raise BillingError(_("This credit note no longer exists."))
    return locked


@transaction.atomic
def issue_credit_note(*, credit_note: CreditNote, actor) -> CreditNote:
    check_billing_staff(actor)
    invoice = locked_invoice(credit_note.invoice_id)
    note = _locked_note(credit_note)
    if note.issued_at is not None:
        raise BillingError(_("Credit note %(number)s is already issued.") % {"number": note.number})
    if note.status == CreditStatus.DISMISSED:
        raise BillingError(_("This proposal was dismissed."))
    if note.total <= 0:
        raise BillingError(_("This credit note has no amount."))
    conf = billing_settings()
    now = timezone.now()
    day = timezone.localdate(now)
    note.number, note.sequence = next_number(SeriesKind.CREDIT_NOTE, day.year)
    note.year = day.year
    note.issued_at = now
    note.issued_by = actor
    note.status = CreditStatus.ISSUED
    note.seller = seller_snapshot(conf)
    note.client = client_snapshot(invoice.billed_to, invoice.advertiser)
    certify_now(note, conf=conf)
    write_pdf(note)
    note.save()
    refresh_balance(invoice)
    log(
        BillingEvent.Action.CREDITED,
        actor=actor,
        invoice=invoice,
        credit_note=note,
        detail=note.number,
    )
    from .notices import credit_note_issued

    credit_note_issued(note)
    return note


@transaction.atomic
def dismiss_credit_note(*, credit_note: CreditNote, actor, note: str = "") -> CreditNote:
    """Drop a proposed or draft credit note (its airings may be proposed again)."""
    check_billing_staff(actor)
    locked = _locked_note(credit_note)
    if locked.issued_at is not None:
        raise BillingError(_("An issued credit note is never changed."))
    locked.status = CreditStatus.DISMISSED
    locked.save(update_fields=["status", "updated_at"])
    locked.credited_airings.all().delete()
    log(
        BillingEvent.Action.DISMISSED,
        actor=actor,
        credit_note=locked,
        invoice=locked.invoice,
        detail=note,
    )
    return locked
