"""Questions about a page of the client area (“mes diffusions”, an
attestation, an invoice) answered with its own links, beside the passages
that explain it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ..answers import Link

POSSESSIVES = {"ma", "mes", "mon", "my", "nos", "notre"}
BROADCAST_WORDS = {"diffusion", "diffusions", "passage", "passages", "calendrier", "planning"}
CERTIFICATE_WORDS = {
    "attestation",
    "attestations",
    "certificat",
    "certificats",
    "preuve",
    "justificatif",
    "certificate",
}
INVOICE_WORDS = {"facture", "factures", "facturation", "avoir", "avoirs", "releve", "solde"}


def client_links(tokens: list[str]) -> tuple[str, tuple[Link, ...]] | None:
    """(message, links) when the question is about one of these pages."""
    words = set(tokens)
    if words & CERTIFICATE_WORDS:
        return (
            _(
                "A broadcast certificate is downloaded from the page of each campaign once an "
                "airing has taken place, or for a period at the bottom of your broadcasts "
                "calendar. Anyone can check a certificate with its code."
            ),
            (
                Link(label=_("My broadcasts"), url=reverse("broadcasts:calendar")),
                Link(label=_("Check a certificate"), url=reverse("verify:form")),
            ),
        )
    if words & INVOICE_WORDS:
        return (
            _(
                "Your invoices, credit notes, payments and statement are in the billing page "
                "of your client area; each invoice is downloaded as a PDF there."
            ),
            (Link(label=_("My invoices"), url=reverse("billing:overview")),),
        )
    if words & POSSESSIVES and words & BROADCAST_WORDS:
        return (
            _(
                "Your broadcasts calendar shows every airing of your campaigns, planned, "
                "aired or missed."
            ),
            (Link(label=_("My broadcasts"), url=reverse("broadcasts:calendar")),),
        )
    return None
