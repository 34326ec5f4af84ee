"""Starting a payment: an intent for part (or all) of what remains due on one of
the company's invoices, then the provider's payment page or instructions."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from accounts.validators import normalize_phone
from billing.models import OPEN_STATUSES, Invoice
from core.money import fcfa

from ..exceptions import PaymentError
from ..models import OPEN_STATES, IntentState, Operator, PaymentEvent, PaymentIntent
from ..providers import ProviderError, get_provider
from .events import record_event


def remaining_due(invoice: Invoice) -> int:
    """What may still be paid online: the balance less the attempts under way."""
    pending = (
        PaymentIntent.objects.filter(invoice=invoice, state__in=OPEN_STATES).aggregate(
            s=Sum("amount")
        )["s"]
        or 0
    )
    return max(invoice.balance - pending, 0)


def payable_amount(amount: int, step: int) -> int:
    """The amount a provider accepts: rounded DOWN to its step (CinetPay: 5 FCFA),
    so the client never pays more than due; the few francs left stay due
    (docs/decisions/0014-mobile-money.md)."""
    return amount - amount % step if step > 1 else amount


def _check_amount(amount, *, due: int, step: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise PaymentError(
            _("Enter a whole number of francs."), {"amount": [_("Enter a whole number of francs.")]}
        )
    minimum = settings.PAYMENTS_MIN_AMOUNT
    maximum = settings.PAYMENTS_MAX_AMOUNT
    if amount < minimum:
        message = _("The smallest online payment is %(min)s.") % {"min": fcfa(minimum)}
        raise PaymentError(message, {"amount": [message]})
    if amount > due:
        message = _("Only %(due)s remain to pay on this invoice.") % {"due": fcfa(due)}
        raise PaymentError(message, {"amount": [message]})
    if amount > maximum:
        message = _("Mobile money accepts at most %(max)s per payment: pay in several parts.") % {
            "max": fcfa(maximum)
        }
        raise PaymentError(message, {"amount": [message]})
    rounded = payable_amount(amount, step)
    if rounded < minimum:
        message = _("The smallest online payment is %(min)s.") % {"min": fcfa(minimum)}
        raise PaymentError(message, {"amount": [message]})
    return rounded


def start_payment(
    *, invoice: Invoice, user, amount, operator: str, phone: str = ""
) -> PaymentIntent:
    """Create the intent (under the invoice's row lock, so two tabs cannot both
    take what remains), then ask the provider for its payment page."""
    if not has_role(user, Role.ADVERTISER) or user.advertiser_id is None:
        raise PaymentError(_("Only the client's users pay its invoices online."))
    if operator not in Operator.values:
        raise PaymentError(
            _("Choose Orange Money or Moov Money."), {"operator": [_("Choose an operator.")]}
        )
    if phone:
        try:
            phone = normalize_phone(phone)
        except Exception as exc:  # noqa: BLE001 - a ValidationError with its French message
            message = " ".join(getattr(exc, "messages", [str(exc)]))
            raise PaymentError(message, {"phone": [message]}) from exc
    provider = get_provider()
    with transaction.atomic():
        locked = (
            Invoice.objects.select_for_update(of=("self",))
            .filter(pk=invoice.pk, billed_to_id=user.advertiser_id)
            .order_by("pk")
            .first()
        )
        if locked is None or locked.issued_at is None:
            raise PaymentError(_("This invoice cannot be paid here."))
        if locked.status not in OPEN_STATUSES or locked.balance <= 0:
            raise PaymentError(_("This invoice has nothing left to pay."))
        amount = _check_amount(amount, due=remaining_due(locked), step=provider.amount_step)
        intent = PaymentIntent.objects.create(
            invoice=locked,
            payer_id=user.advertiser_id,
            created_by=user,
            provider=provider.name,
            operator=operator,
            phone=phone,
            amount=amount,
        )
        record_event(PaymentEvent.Kind.CREATED, intent=intent, actor=user, note=f"{amount} XOF")
    site = settings.SITE_URL
    try:
        session = provider.start(
            intent,
            return_url=site + reverse("payments:status", kwargs={"reference": intent.reference}),
            notify_url=site + reverse("payments:notify", kwargs={"provider": provider.name}),
            cancel_url=site + reverse("payments:status", kwargs={"reference": intent.reference}),
        )
    except ProviderError as exc:
        with transaction.atomic():
            PaymentIntent.objects.filter(pk=intent.pk).update(
                state=IntentState.FAILED,
                state_changed_at=timezone.now(),
                failure_reason=_("The payment service could not be reached."),
            )
            record_event(PaymentEvent.Kind.ERROR, intent=intent, note=str(exc)[:500])
        raise PaymentError(
            _(
                "The mobile-money service is not answering: nothing was charged. "
                "Try again in a few minutes."
            )
        ) from exc
    with transaction.atomic():
        intent.provider_token = session.token
        intent.provider_reference = session.provider_reference
        intent.checkout_url = session.redirect_url
        intent.instructions = session.instructions
        intent.state = IntentState.PENDING
        intent.state_changed_at = timezone.now()
        intent.save()
        record_event(PaymentEvent.Kind.SESSION, intent=intent, payload=session.raw)
    return intent
