"""Payment intents (one attempt to pay part of an invoice online) and their
append-only log of events, every raw payload kept."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IntentState(models.TextChoices):
    CREATED = "created", _("created")
    PENDING = "pending", _("awaiting confirmation")
    SUCCEEDED = "succeeded", _("paid")
    FAILED = "failed", _("failed")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


TERMINAL_STATES = frozenset(
    {IntentState.SUCCEEDED, IntentState.FAILED, IntentState.EXPIRED, IntentState.CANCELLED}
)
OPEN_STATES = (IntentState.CREATED, IntentState.PENDING)


class Operator(models.TextChoices):
    ORANGE = "orange", _("Orange Money")
    MOOV = "moov", _("Moov Money")


def new_reference() -> str:
    """An unguessable merchant reference (letters and digits only, as every
    provider accepts): BF1 + 24 hexadecimal characters."""
    return "BF1" + secrets.token_hex(12).upper()


class PaymentIntent(models.Model):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("merchant reference"), max_length=40, unique=True, default=new_reference, editable=False
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="payment_intents",
    )
    payer = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        related_name="payment_intents",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    provider = models.CharField(_("provider"), max_length=20)
    operator = models.CharField(_("operator"), max_length=10, choices=Operator.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    amount = models.BigIntegerField(_("amount (FCFA)"))
    currency = models.CharField(_("currency"), max_length=3, default="XOF")
    # What the provider gave at creation: its token (LigdiCash confirms with it),
    # its transaction reference, and where the client goes to pay.
    provider_token = models.CharField(_("provider token"), max_length=200, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=120, blank=True)
    checkout_url = models.URLField(_("payment page"), max_length=1000, blank=True)
    instructions = models.TextField(_("instructions"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=IntentState.choices,
        default=IntentState.CREATED,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    failure_reason = models.CharField(_("reason"), max_length=300, blank=True)
    payment = models.OneToOneField(
        "billing.Payment",
        verbose_name=_("payment recorded"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intent",
    )
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    checks = models.PositiveIntegerField(_("status checks"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payments_amount_gt0"),
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="payments_provider_reference_unique",
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="intent_state_created")]

    def __str__(self) -> str:
        return f"{self.reference} · {self.amount} XOF · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return reverse("payments:status", kwargs={"reference": self.reference})

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES


class PaymentEvent(models.Model):
    """Append-only: every call, notification and change of an intent, with the raw
    payload (secrets never stored: adapters strip their keys)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        SESSION = "session", _("payment page obtained")
        NOTIFICATION = "notification", _("notification received")
        FORGED = "forged", _("notification refused (bad signature)")
        UNKNOWN = "unknown", _("notification for an unknown reference")
        DUPLICATE = "duplicate", _("notification after the end (ignored)")
        STATUS = "status", _("status checked with the provider")
        MISMATCH = "mismatch", _("amount, currency or reference not matching")
        STATE = "state", _("state changed")
        RECORDED = "recorded", _("payment recorded in billing")
        RECONCILED = "reconciled", _("reconciled by hand")
        ERROR = "error", _("provider error")

    intent = models.ForeignKey(
        PaymentIntent,
        verbose_name=_("payment attempt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    provider = models.CharField(_("provider"), max_length=20, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    kind = models.CharField(_("event"), max_length=15, choices=Kind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    payload = models.JSONField(_("raw payload"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reference}"


class SandboxCharge(models.Model):
    """The sandbox provider's side of a payment (development and tests only): the
    outcome the developer chose on the sandbox checkout page."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("waiting for the payer")
        PAID = "paid", _("paid")
        REFUSED = "refused", _("refused")
        ABANDONED = "abandoned", _("abandoned")

    token = models.CharField(max_length=64, unique=True)
    reference = models.CharField(max_length=40)
    amount = models.BigIntegerField()
    currency = models.CharField(max_length=3, default="XOF")
    operator = models.CharField(max_length=10, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sandbox charge")
        verbose_name_plural = _("sandbox charges")

    def __str__(self) -> str:
        return f"{self.reference} · {self.outcome}"
