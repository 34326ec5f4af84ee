"""django-q2 jobs of billing, run daily (schedules of migration 0003):

- `send_overdue_reminders`: one reminder per step of the station's reminder
  days (BillingSettings.reminder_days, days after the due date) for each open
  invoice; the step reached is saved on the invoice under its row lock, so a
  second run, or a run after a crash, never sends the same step twice;
- `propose_missed_credits_task`: credit notes proposed for missed airings not
  made good within the make-good delay."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from .conf import billing_settings
from .models import OPEN_STATUSES, BillingEvent, Invoice
from .services import notices
from .services.base import log
from .services.proposals import propose_missed_credits

logger = logging.getLogger(__name__)


def due_step(steps: list[int], days_overdue: int, last_step: int) -> int | None:
    """The largest step reached and not yet reminded, or None."""
    reached = [step for step in steps if last_step < step <= days_overdue]
    return max(reached) if reached else None


def _remind(invoice_id: int, today, steps: list[int]) -> bool:
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("billed_to")
            .filter(pk=invoice_id, status__in=OPEN_STATUSES, balance__gt=0)
            .exclude(due_date__isnull=True)
            .first()
        )
        if invoice is None:
            return False
        days = (today - invoice.due_date).days
        step = due_step(steps, days, invoice.last_reminder_step)
        if step is None:
            return False
        invoice.last_reminder_step = step
        invoice.save(update_fields=["last_reminder_step", "updated_at"])
        log(
            BillingEvent.Action.REMINDED,
            invoice=invoice,
            detail=f"J+{days} (relance {step} j)",
        )
        notices.overdue_reminder(invoice, days)
        return True


def send_overdue_reminders() -> int:
    """Remind the companies of their overdue invoices; returns how many reminders."""
    steps = billing_settings().reminder_steps
    steps = [step for step in steps if step > 0]
    if not steps:
        return 0
    today = timezone.localdate()
    first = today - dt.timedelta(days=min(steps))
    candidates = list(
        Invoice.objects.filter(
            status__in=OPEN_STATUSES,
            balance__gt=0,
            issued_at__isnull=False,
            due_date__lte=first,
            last_reminder_step__lt=max(steps),
        )
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        try:
            sent += _remind(pk, today, steps)
        except Exception:  # noqa: BLE001 - one failure must not stop the others
            logger.exception("Overdue reminder of invoice %s failed", pk)
    return sent


def propose_missed_credits_task() -> int:
    """Daily: propose the credit notes for missed airings not made good."""
    return propose_missed_credits()


def render_pdf(kind: str, pk: int) -> bool:
    """The PDF of a document issued by a billing run (enqueued on commit)."""
    from .services.pdfs import render_pdf as render

    return render(kind, pk)


def render_missing_pdfs() -> int:
    """Sweeper: issued documents whose PDF task was lost (a crash, a dead broker)."""
    from .services.pdfs import render_missing_pdfs as sweep

    return sweep()
