"""Confirming a payment: only the provider's answer to a server-to-server status
call is trusted, never the notification nor the return page. Under the intent's
row lock and once only (terminal states are never left; billing refuses a second
payment with the same provider transaction), a success is recorded in billing and
allocated to the invoice (any excess stays a credit on account)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.exceptions import BillingError
from billing.models import PaymentMethod
from billing.services.payments import allocate, record_payment

from ..models import IntentState, PaymentEvent, PaymentIntent
from ..providers import ProviderError, get_provider
from ..providers.base import CANCELLED, FAILED, PENDING, SUCCEEDED
from .events import record_event

logger = logging.getLogger(__name__)


def _locked(reference: str) -> PaymentIntent | None:
    return (
        PaymentIntent.objects.select_for_update(of=("self",))
        .select_related("invoice", "payer")
        .filter(reference=reference)
        .order_by("pk")
        .first()
    )


def _move(intent: PaymentIntent, state: str, reason: str = "") -> None:
    previous = intent.state
    intent.state = state
    intent.state_changed_at = timezone.now()
    if reason:
        intent.failure_reason = reason[:300]
    intent.save(update_fields=["state", "state_changed_at", "failure_reason", "updated_at"])
    record_event(PaymentEvent.Kind.STATE, intent=intent, note=f"{previous} → {state}")


def _record(intent: PaymentIntent, provider_reference: str) -> None:
    """The payment in billing, allocated to the invoice as far as its balance goes."""
    external_id = f"{intent.provider}:{provider_reference or intent.reference}"
    payment = record_payment(
        payer=intent.payer,
        actor=None,
        method=PaymentMethod.MOBILE_MONEY,
        amount=intent.amount,
        received_on=timezone.localdate(),
        reference=f"{intent.get_operator_display()} {provider_reference or intent.reference}"[:120],
        note=_("Online payment %(reference)s") % {"reference": intent.reference},
        external_id=external_id,
        notify_payer=False,
    )
    intent.invoice.refresh_from_db(fields=["balance", "status"])
    part = min(payment.amount, max(intent.invoice.balance, 0))
    if part > 0:
        try:
            allocate(payment=payment, invoice=intent.invoice, amount=part, actor=None)
        except BillingError as exc:  # paid meanwhile: the money stays a credit on account
            record_event(PaymentEvent.Kind.RECORDED, intent=intent, note=exc.message)
    intent.payment = payment
    intent.save(update_fields=["payment", "updated_at"])
    record_event(PaymentEvent.Kind.RECORDED, intent=intent, note=external_id)


def confirm_intent(reference: str, *, source: str = "notification") -> str:
    """Check `reference` with its provider and act on the answer; returns the
    intent's state (or "unknown"). Safe to run any number of times, at once."""
    intent = PaymentIntent.objects.filter(reference=reference).first()
    if intent is None:
        record_event(PaymentEvent.Kind.UNKNOWN, reference=reference, note=source)
        return "unknown"
    if intent.is_terminal:
        record_event(PaymentEvent.Kind.DUPLICATE, intent=intent, note=source)
        return intent.state
    provider = get_provider(intent.provider)
    try:
        result = provider.fetch_status(intent)
    except ProviderError as exc:
        record_event(PaymentEvent.Kind.ERROR, intent=intent, note=f"{source}: {exc}"[:500])
        PaymentIntent.objects.filter(pk=intent.pk).update(
            last_checked_at=timezone.now(), checks=intent.checks + 1
        )
        return intent.state
    recorded_payment = None
    with transaction.atomic():
        intent = _locked(reference)
        intent.last_checked_at = timezone.now()
        intent.checks += 1
        intent.save(update_fields=["last_checked_at", "checks", "updated_at"])
        record_event(PaymentEvent.Kind.STATUS, intent=intent, note=source, payload=result.raw)
        if intent.is_terminal:  # another job got there first
            record_event(PaymentEvent.Kind.DUPLICATE, intent=intent, note=source)
            return intent.state
        if result.status == SUCCEEDED:
            problems = []
            if result.amount != intent.amount:
                problems.append(f"amount {result.amount} != {intent.amount}")
            if (result.currency or "").upper() != intent.currency:
                problems.append(f"currency {result.currency!r} != {intent.currency}")
            if result.reference != intent.reference:
                problems.append(f"reference {result.reference!r} != {intent.reference}")
            if problems:
                # Never recorded: the accountant reconciles by hand.
                record_event(PaymentEvent.Kind.MISMATCH, intent=intent, note="; ".join(problems))
                return intent.state
            try:
                with transaction.atomic():
                    _record(intent, result.provider_reference)
            except (IntegrityError, BillingError) as exc:
                # The provider's transaction is already in billing (under another
                # attempt): never recorded twice, left for the accountant.
                note = getattr(exc, "message", "") or "already recorded"
                record_event(
                    PaymentEvent.Kind.MISMATCH,
                    intent=intent,
                    note=f"{note} ({result.provider_reference})"[:500],
                )
                return intent.state
            _move(intent, IntentState.SUCCEEDED)
            recorded_payment = intent.payment
        elif result.status == FAILED:
            _move(intent, IntentState.FAILED, _("The operator refused the payment."))
        elif result.status == CANCELLED:
            _move(intent, IntentState.CANCELLED, _("The payment was abandoned."))
        else:
            assert result.status == PENDING
    if recorded_payment is not None:
        from .notices import payment_confirmed

        transaction.on_commit(lambda: payment_confirmed(intent))
    return intent.state


def _last_kind(intent: PaymentIntent) -> str:
    """The kind of the intent's latest event ("status": the provider answered)."""
    return intent.events.order_by("-pk").values_list("kind", flat=True).first() or ""


def expire_or_recheck(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The poller: intents still pending after PAYMENTS_RECHECK_MINUTES are checked
    again (a notification may be late or lost); past PAYMENTS_EXPIRE_HOURS, one
    the provider still reports as not paid expires. Never expired: one whose
    check failed (provider unreachable: it may have been paid) and one the
    provider reports paid with a mismatch (it waits, unchecked, for the
    accountant's reconciliation)."""
    now = now or timezone.now()
    recheck_before = now - dt.timedelta(minutes=settings.PAYMENTS_RECHECK_MINUTES)
    expire_before = now - dt.timedelta(hours=settings.PAYMENTS_EXPIRE_HOURS)
    counts = {"checked": 0, "expired": 0}
    stale = (
        PaymentIntent.objects.filter(state=IntentState.PENDING, created_at__lt=recheck_before)
        .exclude(events__kind=PaymentEvent.Kind.MISMATCH)
        .order_by("created_at")
    )
    for reference in stale.values_list("reference", flat=True)[:500]:
        state = confirm_intent(reference, source="poller")
        counts["checked"] += 1
        if state == IntentState.PENDING:
            with transaction.atomic():
                intent = _locked(reference)
                if (
                    intent.state == IntentState.PENDING
                    and intent.created_at < expire_before
                    and _last_kind(intent) == PaymentEvent.Kind.STATUS
                ):
                    _move(
                        intent, IntentState.EXPIRED, _("No confirmation from the operator in time.")
                    )
                    counts["expired"] += 1
    abandoned = PaymentIntent.objects.filter(
        state=IntentState.CREATED, created_at__lt=expire_before
    )
    for reference in abandoned.values_list("reference", flat=True)[:500]:
        with transaction.atomic():
            intent = _locked(reference)
            if intent.state == IntentState.CREATED:
                _move(intent, IntentState.EXPIRED, _("The payment page was never opened."))
                counts["expired"] += 1
    return counts
