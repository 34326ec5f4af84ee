"""What the billing staff do by hand: re-check an attempt now, or settle one the
provider cannot answer for (a mismatch, an outage), always with a logged reason."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from billing.services.base import check_billing_staff

from ..exceptions import PaymentError
from ..models import IntentState, PaymentEvent, PaymentIntent
from .confirm import _locked, _move, _record, confirm_intent
from .events import record_event

OUTCOMES = {
    "succeeded": IntentState.SUCCEEDED,
    "failed": IntentState.FAILED,
    "cancelled": IntentState.CANCELLED,
}


def recheck(*, intent: PaymentIntent, actor) -> str:
    check_billing_staff(actor)
    record_event(PaymentEvent.Kind.RECONCILED, intent=intent, actor=actor, note="re-check asked")
    return confirm_intent(intent.reference, source="admin")


@transaction.atomic
def reconcile(
    *, intent: PaymentIntent, actor, outcome: str, reason: str, provider_reference: str = ""
):
    """Settle an open attempt by hand: "succeeded" records the payment in billing
    (once: the provider transaction is unique), "failed"/"cancelled" closes it."""
    check_billing_staff(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise PaymentError(
            _("Give the reason of this reconciliation: it is logged."),
            {"reason": [_("This field is required.")]},
        )
    if outcome not in OUTCOMES:
        raise PaymentError(_("Choose the outcome."), {"outcome": [_("Choose the outcome.")]})
    locked = _locked(intent.reference)
    if locked.is_terminal:
        raise PaymentError(
            _("This attempt is already “%(state)s”: it cannot change.")
            % {"state": locked.get_state_display()}
        )
    record_event(
        PaymentEvent.Kind.RECONCILED, intent=locked, actor=actor, note=f"{outcome}: {reason}"
    )
    if OUTCOMES[outcome] == IntentState.SUCCEEDED:
        _record(locked, " ".join(provider_reference.split())[:100])
        from .notices import payment_confirmed

        transaction.on_commit(lambda: payment_confirmed(locked))
    _move(locked, OUTCOMES[outcome], reason)
    return locked
