"""`/admin/billing/invoices/` (`billing_invoices:index`): every invoice, drafts
first, with filters (status, advertiser, issue period, overdue only); each
invoice's page is `billing_invoices:detail` (invoice_detail.py)."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..forms import InvoiceFilterForm
from ..models import OPEN_STATUSES, Invoice
from . import invoice_detail as detail
from .common import BillingScreenViewSet, BillingView, paginate

NAMESPACE = "billing_invoices"


def filtered_invoices(data) -> tuple[InvoiceFilterForm, object]:
    """The filter form and the invoices it selects (all of them when it is invalid)."""
    form = InvoiceFilterForm(data or None)
    invoices = Invoice.objects.select_related("advertiser", "billed_to").order_by(
        F("issued_at").desc(nulls_first=True), "-created_at", "-pk"
    )
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        if chosen["status"]:
            invoices = invoices.filter(status=chosen["status"])
        if chosen["advertiser"]:
            company = chosen["advertiser"]
            invoices = invoices.filter(Q(advertiser=company) | Q(billed_to=company))
        if chosen["issued_from"]:
            invoices = invoices.filter(issued_at__date__gte=chosen["issued_from"])
        if chosen["issued_to"]:
            invoices = invoices.filter(issued_at__date__lte=chosen["issued_to"])
        if chosen["overdue"]:
            invoices = invoices.filter(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
    return form, invoices


class InvoiceIndexView(BillingView):
    template_name = "billing/admin/invoices.html"
    page_title = gettext_lazy("Invoices")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, invoices = filtered_invoices(self.request.GET)
        page = paginate(self.request, invoices)
        today = timezone.localdate()
        for invoice in page:
            invoice.is_overdue = bool(
                invoice.status in OPEN_STATUSES and invoice.due_date and invoice.due_date < today
            )
        context.update(
            filter_form=form,
            invoices=page,
            filtered=form.is_bound,
        )
        return context


class InvoiceViewSet(BillingScreenViewSet):
    name = NAMESPACE
    url_prefix = "billing/invoices"
    icon = "doc-full"
    menu_label = gettext_lazy("Invoices")
    menu_order = 200

    def get_urlpatterns(self):
        return [
            path("", InvoiceIndexView.as_view(), name="index"),
            path("<int:pk>/", detail.InvoiceDetailView.as_view(), name="detail"),
            path("<int:pk>/issue/", detail.IssueView.as_view(), name="issue"),
            path("<int:pk>/delete/", detail.DeleteDraftView.as_view(), name="delete"),
            path("<int:pk>/certify/", detail.CertifyInvoiceView.as_view(), name="certify"),
            path("<int:pk>/credit-note/", detail.CreditInvoiceView.as_view(), name="credit"),
            path("<int:pk>/withholding/", detail.WithholdingView.as_view(), name="withholding"),
            path("<int:pk>/pdf/", detail.invoice_file, {"which": "pdf"}, name="pdf"),
            path(
                "<int:pk>/certified-pdf/",
                detail.invoice_file,
                {"which": "certified_pdf"},
                name="certified_pdf",
            ),
            path(
                "<int:pk>/withholding-certificate/",
                detail.invoice_file,
                {"which": "withholding_certificate"},
                name="withholding_file",
            ),
        ]
