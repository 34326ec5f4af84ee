"""The PDF of an issued document, written from its frozen fields: at issue, or for
a billing run by the worker after the run (billing.tasks.render_pdf), or on the
first download if the worker has not come yet; a sweeper renders any left behind
(a crash between the issue and the task). Rendering twice gives the same
document, and a stored PDF is never replaced."""

from __future__ import annotations

import logging

from django.db import transaction

from ..models import CreditNote, Invoice

logger = logging.getLogger(__name__)

MODELS = {"invoice": Invoice, "credit_note": CreditNote}


def ensure_pdf(document):
    """Write the PDF of an issued `document` if it has none yet; returns it."""
    if document.pdf or document.issued_at is None:
        return document
    from .issue import write_pdf

    model = type(document)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=document.pk).order_by("pk").first()
        if locked is None or locked.pdf or locked.issued_at is None:
            return locked or document
        write_pdf(locked)
        locked.save(update_fields=["pdf", "updated_at"])
    document.pdf = locked.pdf
    return document


def render_pdf(kind: str, pk: int) -> bool:
    document = MODELS[kind].objects.filter(pk=pk).first()
    if document is None:
        return False
    ensure_pdf(document)
    return True


def render_missing_pdfs(limit: int = 500) -> int:
    """The sweeper: issued documents without their PDF (oldest first)."""
    done = 0
    for kind, model in MODELS.items():
        missing = model.objects.filter(issued_at__isnull=False, pdf="").order_by("issued_at")
        for pk in missing.values_list("pk", flat=True)[:limit]:
            try:
                render_pdf(kind, pk)
                done += 1
            except Exception:  # noqa: BLE001 - one bad document must not stop the others
                logger.exception("Could not render the PDF of %s %s", kind, pk)
    return done
