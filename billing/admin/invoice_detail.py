"""An invoice's admin page (`billing_invoices:detail`): its mentions, lines,
totals, certification, credit notes, payments and audit trail, and what may be
done in its state: a draft is issued or deleted; an issued invoice gets its
certification recorded, a credit note, the client's withholding certificate;
its files are served to the billing staff only, as downloads."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..files import serve_file
from ..forms import CertificationForm, CreditNoteForm, WithholdingForm
from ..models import CertificationState, Invoice, InvoiceKind, InvoiceStatus
from ..services import certify, credit_notes, drafts, issue, payments
from .common import (
    ActionView,
    BillingView,
    DetailFormsMixin,
    FormActionMixin,
    check_billing_staff,
)


def invoice_url(invoice) -> str:
    return reverse("billing_invoices:detail", args=[invoice.pk])


def load_invoice(pk) -> Invoice:
    return get_object_or_404(
        Invoice.objects.select_related("advertiser", "billed_to", "campaign", "advance_of"), pk=pk
    )


def totals(invoice: Invoice) -> list[tuple[str, int, bool]]:
    """(label, amount, emphasised) rows of the invoice's totals."""
    rows = [(_("Gross amount excl. VAT"), invoice.gross, False)]
    if invoice.discount:
        rows.append((_("Volume discount"), -invoice.discount, False))
    if invoice.commission:
        rows.append((_("Agency commission"), -invoice.commission, False))
    if invoice.advance_deducted:
        rows.append((_("Advance deducted excl. VAT"), -invoice.advance_deducted, False))
    rows += [
        (_("Total excl. VAT"), invoice.total_excl_vat, False),
        (_("VAT"), invoice.vat, False),
        (_("Total incl. VAT"), invoice.total, True),
    ]
    if invoice.vat_withheld:
        rows.append((_("VAT withheld by the client"), -invoice.vat_withheld, False))
    rows.append((_("Net to pay"), invoice.net_to_pay, True))
    if invoice.is_issued:
        rows += [
            (_("Credited"), -invoice.credited, False),
            (_("Paid so far"), -invoice.paid, False),
            (_("Balance"), invoice.balance, True),
        ]
    return rows


class InvoiceDetailView(DetailFormsMixin, BillingView):
    template_name = "billing/admin/invoice_detail.html"
    index_url_name = "billing_invoices:index"
    index_label = gettext_lazy("Invoices")

    def load(self, **kwargs):
        self.object = load_invoice(kwargs["pk"])

    def get_page_title(self):
        invoice = self.object
        if invoice.kind == InvoiceKind.ADVANCE:
            return _("Advance invoice %(number)s") % {"number": invoice}
        return _("Invoice %(number)s") % {"number": invoice}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invoice = self.object
        issued = invoice.is_issued
        remaining = credit_notes.creditable(invoice) if issued else 0
        context.update(
            invoice=invoice,
            lines=list(invoice.lines.all()),
            totals=totals(invoice),
            events=list(invoice.events.select_related("actor", "credit_note", "payment")[:100]),
            credit_notes=list(invoice.credit_notes.all()),
            allocations=list(invoice.allocations.select_related("payment")),
            stale=0 if issued else drafts.stale_airings(invoice),
            creditable=remaining,
            can_certify=issued and invoice.certification != CertificationState.CERTIFIED,
            can_credit=issued and remaining > 0 and invoice.status != InvoiceStatus.CANCELLED,
            can_withhold=issued and invoice.vat_withheld > 0,
        )
        if context["can_certify"]:
            context["certify_form"] = self.make_form("certify", CertificationForm)
        if context["can_credit"]:
            context["credit_form"] = self.make_form("credit", CreditNoteForm)
        if context["can_withhold"]:
            context["withholding_form"] = self.make_form("withholding", WithholdingForm)
        return context


class _InvoiceFormAction(FormActionMixin, InvoiceDetailView):
    def done_url(self) -> str:
        return invoice_url(self.object)


class CertifyInvoiceView(_InvoiceFormAction):
    form_name = "certify"
    form_class = CertificationForm

    def act(self, form) -> str:
        data = form.cleaned_data
        certify.record_certification(
            document=self.object,
            actor=self.request.user,
            code=data["code"],
            certified_at=data["certified_at"],
            qr=data["qr"],
            certified_pdf=data["certified_pdf"],
        )
        return _("The certification of %(number)s is recorded.") % {"number": self.object}


class CreditInvoiceView(_InvoiceFormAction):
    form_name = "credit"
    form_class = CreditNoteForm

    def act(self, form) -> str:
        data = form.cleaned_data
        note = credit_notes.create_credit_note(
            invoice=self.object,
            actor=self.request.user,
            reason=data["reason"],
            explanation=data["explanation"],
            amount=data["amount"],
        )
        self.created = note
        return _("Draft credit note created: check it, then issue it.")

    def done_url(self) -> str:
        return reverse("billing_credit_notes:detail", args=[self.created.pk])


class WithholdingView(_InvoiceFormAction):
    form_name = "withholding"
    form_class = WithholdingForm

    def act(self, form) -> str:
        payments.record_withholding_certificate(
            invoice=self.object,
            actor=self.request.user,
            upload=form.cleaned_data["certificate"],
            reference=form.cleaned_data["reference"],
        )
        return _("The withholding certificate is recorded.")


class _InvoiceAction(ActionView):
    def load(self, **kwargs):
        return load_invoice(kwargs["pk"])

    def failure_url(self) -> str:
        return invoice_url(self.object)

    def success_url(self, result) -> str:
        return invoice_url(result)


class IssueView(_InvoiceAction):
    def act(self):
        invoice = issue.issue_invoice(invoice=self.object, actor=self.request.user)
        return _("Invoice %(number)s issued.") % {"number": invoice.number}, invoice


class DeleteDraftView(_InvoiceAction):
    def act(self):
        drafts.delete_draft(invoice=self.object, actor=self.request.user)
        return _("The draft is deleted: its airings may be invoiced again."), None

    def success_url(self, result) -> str:
        return reverse("billing_invoices:index")


def invoice_file(request, pk, which):
    """The invoice's PDF, certified PDF or withholding certificate (billing staff only)."""
    check_billing_staff(request)
    invoice = load_invoice(pk)
    if which == "pdf":
        from ..services.pdfs import ensure_pdf

        ensure_pdf(invoice)
    names = {"pdf": "", "certified_pdf": "-certifiee", "withholding_certificate": "-retenue"}
    base = invoice.number or f"brouillon-{invoice.pk}"
    return serve_file(getattr(invoice, which), f"{base}{names[which]}")
