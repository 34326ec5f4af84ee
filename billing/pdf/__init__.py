"""The PDFs of billing documents (invoice, credit note, statement)."""

from __future__ import annotations


def render_document(document) -> bytes:
    from ..models import Invoice

    if isinstance(document, Invoice):
        from .invoice import render_invoice

        return render_invoice(document)
    from .credit_note import render_credit_note

    return render_credit_note(document)
