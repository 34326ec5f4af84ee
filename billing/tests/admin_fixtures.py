"""Helpers of the admin "Facturation" tests: invoices drafted and issued from a
campaign on air, a PDF upload, the screens' URLs and who may (not) open them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import campaign_on_air

STAFF = ("administrator", "accountant")
OUTSIDERS = ("advertiser_a", "broadcaster", "editorial")

INDEXES = (
    "billing_to_bill:index",
    "billing_invoices:index",
    "billing_credit_notes:index",
    "billing_payments:index",
    "billing_payments:add",
    "billing_ageing:index",
    "billing_statement:index",
)


def draft_invoice(actor, *, aired: int = 3, missed: int = 0, withholds_vat=False, **kwargs):
    campaign, _airings = campaign_on_air(aired=aired, missed=missed, **kwargs)
    if withholds_vat:
        campaign.advertiser.withholds_vat = True
        campaign.advertiser.save(update_fields=["withholds_vat"])
    return create_draft(campaign=campaign, actor=actor)


def issued_invoice(actor, **kwargs):
    return issue_invoice(invoice=draft_invoice(actor, **kwargs), actor=actor)


def pdf_upload(name: str = "certifiee.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def refused(response) -> bool:
    """A 403, the admin's login page for a user without access to the admin, or
    the admin's home (Wagtail's answer to a PermissionDenied in the admin)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        "/login" in response["Location"] or response["Location"] == reverse("wagtailadmin_home")
    )


def text(response) -> str:
    """The page as a reader sees it (HTML entities decoded)."""
    import html

    return html.unescape(response.content.decode())


def flashed(response) -> str:
    """The last message shown to the user (as read)."""
    import html

    shown = [html.unescape(str(message)).strip() for message in response.context["messages"]]
    return shown[-1] if shown else ""
