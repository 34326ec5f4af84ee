"""The PDFs of billing documents (invoice, credit note, statement)."""

from __future__ import annotations

from django.utils import translation

#: The language of the legal documents, whatever the language of who issues them.
DOCUMENT_LANGUAGE = "fr"


def render_document(document, *, compress: bool | None = None) -> bytes:
    """The PDF of an issued invoice or credit note, in French, from its frozen fields."""
    from ..models import Invoice

    with translation.override(DOCUMENT_LANGUAGE):
        if isinstance(document, Invoice):
            from .invoice import render_invoice

            return render_invoice(document, compress=compress)
        from .credit_note import render_credit_note

        return render_credit_note(document, compress=compress)
