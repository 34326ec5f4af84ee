"""The advertiser's billing area (/billing/): the company's balance, its
invoices, credit notes and payments, each document's page and its PDF.

Advertisers only (others 403, visitors to the login page). A document is
reached only through Invoice/CreditNote.objects.for_company(user's company):
another company's identifier is a 404, never a 403."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role
from core.money import percent_text

from ..files import serve_file
from ..models import CreditNote, CreditStatus, Invoice, Payment, PaymentAllocation
from ..panels import invoice_panels
from ..selectors.balances import company_balance
from .access import company_of
from .presentation import certification_badge, credit_note_row, invoice_badges, invoice_row
from .statement import StatementForm

PAGE_SIZE = 20
TABS = ("invoices", "credit_notes", "payments")


def _invoices(company):
    return (
        Invoice.objects.for_company(company)
        .select_related("campaign", "billed_to", "advertiser")
        .order_by("-issued_at", "-pk")
    )


def _credit_notes(company):
    return (
        CreditNote.objects.for_company(company)
        .filter(status=CreditStatus.ISSUED)
        .select_related("invoice")
        .order_by("-issued_at", "-pk")
    )


def _payments(company):
    allocations = PaymentAllocation.objects.select_related("invoice").order_by("pk")
    return (
        Payment.objects.filter(payer=company)
        .prefetch_related(Prefetch("allocations", queryset=allocations))
        .order_by("-received_on", "-recorded_at", "-pk")
    )


@require_GET
@role_required(Role.ADVERTISER)
def overview(request):
    company = company_of(request.user)
    tab = request.GET.get("tab")
    if tab not in TABS:
        tab = TABS[0]
    today = timezone.localdate()
    source = {"invoices": _invoices, "credit_notes": _credit_notes, "payments": _payments}[tab]
    page_obj = Paginator(source(company), PAGE_SIZE).get_page(request.GET.get("page"))
    if tab == "invoices":
        rows = [invoice_row(invoice, today) for invoice in page_obj.object_list]
    elif tab == "credit_notes":
        rows = [credit_note_row(note) for note in page_obj.object_list]
    else:
        rows = list(page_obj.object_list)
    return render(
        request,
        "billing/client/overview.html",
        {
            "advertiser": company,
            "balance": company_balance(company, as_of=today),
            "tab": tab,
            "page_obj": page_obj,
            "rows": rows,
            "statement_form": StatementForm(),
        },
    )


@require_GET
@role_required(Role.ADVERTISER)
def invoice_detail(request, uuid):
    company = company_of(request.user)
    notes = CreditNote.objects.filter(status=CreditStatus.ISSUED).order_by("issued_at", "pk")
    allocations = PaymentAllocation.objects.select_related("payment").order_by("pk")
    invoice = (
        _invoices(company)
        .select_related("advance_of")
        .prefetch_related(
            "lines",
            Prefetch("credit_notes", queryset=notes),
            Prefetch("allocations", queryset=allocations),
        )
        .filter(uuid=uuid)
        .first()
    )
    if invoice is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "billing/client/invoice.html",
        {
            "advertiser": company,
            "invoice": invoice,
            "badges": invoice_badges(invoice, today),
            "certification": certification_badge(invoice),
            "credit_notes": [credit_note_row(note) for note in invoice.credit_notes.all()],
            "allocations": list(invoice.allocations.all()),
            "vat_rate": percent_text(invoice.vat_rate),
            "panels": invoice_panels(request, invoice),
        },
    )


@require_GET
@role_required(Role.ADVERTISER)
def credit_note_detail(request, uuid):
    company = company_of(request.user)
    note = (
        _credit_notes(company)
        .select_related("invoice__campaign")
        .prefetch_related("lines")
        .filter(uuid=uuid)
        .first()
    )
    if note is None:
        raise Http404
    return render(
        request,
        "billing/client/credit_note.html",
        {
            "advertiser": company,
            "note": note,
            "certification": certification_badge(note),
            "vat_rate": percent_text(note.invoice.vat_rate),
        },
    )


def document_file(document, stem: str) -> FileResponse:
    """The certified PDF when one was uploaded, else the PDF written at issue;
    as an attachment, kept out of shared caches."""
    from ..services.pdfs import ensure_pdf

    if not document.certified_pdf:
        ensure_pdf(document)
    return serve_file(document.certified_pdf or document.pdf, stem)


@require_GET
@role_required(Role.ADVERTISER)
def invoice_pdf(request, uuid):
    company = company_of(request.user)
    invoice = Invoice.objects.for_company(company).filter(uuid=uuid).first()
    if invoice is None:
        raise Http404
    return document_file(invoice, invoice.number)


@require_GET
@role_required(Role.ADVERTISER)
def credit_note_pdf(request, uuid):
    company = company_of(request.user)
    note = _credit_notes(company).filter(uuid=uuid).first()
    if note is None:
        raise Http404
    return document_file(note, note.number)
