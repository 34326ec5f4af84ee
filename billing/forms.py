"""Forms of the admin "Facturation" screens. They check the shape of the input
(a whole number of francs, a date, a file); every business rule is the
services' (`billing.services`), whose `BillingError` the views put on the form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from accounts.models import Advertiser

from .models import OPEN_STATUSES, CreditReason, Invoice, InvoiceStatus, PaymentMethod

MAX_FRANCS = 10**13


def francs_field(label, *, required=True, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=MAX_FRANCS,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": 1, "min": 1, "inputmode": "numeric"}),
    )


def open_invoices(payer):
    """The payer's issued invoices with a balance left, oldest due first."""
    return (
        Invoice.objects.filter(billed_to=payer, status__in=OPEN_STATUSES, balance__gt=0)
        .select_related("advertiser")
        .order_by("due_date", "issued_at", "pk")
    )


class InvoiceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + InvoiceStatus.choices
    )
    advertiser = forms.ModelChoiceField(
        label=_("Advertiser"),
        required=False,
        queryset=Advertiser.objects.order_by("name"),
        empty_label=_("All"),
    )
    issued_from = forms.DateField(label=_("Issued from"), required=False, widget=AdminDateInput)
    issued_to = forms.DateField(label=_("Issued until"), required=False, widget=AdminDateInput)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class CertificationForm(forms.Form):
    code = forms.CharField(label=_("Certification code"), max_length=120, required=False)
    certified_at = forms.DateTimeField(
        label=_("Certified at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Empty: now."),
    )
    qr = forms.CharField(
        label=_("QR code content"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    certified_pdf = forms.FileField(
        label=_("Certified PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("code") or "").strip() and not data.get("certified_pdf"):
            raise forms.ValidationError(
                _("Enter the certification code, or upload the certified PDF.")
            )
        return data


class CreditNoteForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CreditReason.choices)
    explanation = forms.CharField(
        label=_("Explanation (printed on the credit note)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount = francs_field(
        _("Amount incl. VAT (FCFA)"),
        required=False,
        help_text=_("A cancellation credits all that remains of the invoice."),
    )

    def clean(self):
        data = super().clean()
        wanted = data.get("reason") != CreditReason.CANCELLATION
        if wanted and not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount to credit."))
        return data


class WithholdingForm(forms.Form):
    certificate = forms.FileField(label=_("Withholding certificate (PDF or image)"))
    reference = forms.CharField(label=_("Certificate number"), max_length=60, required=False)


class PayerForm(forms.Form):
    payer = forms.ModelChoiceField(label=_("Paid by"), queryset=Advertiser.objects.order_by("name"))


class PaymentForm(forms.Form):
    """A payment of one payer, with one amount input per open invoice of the payer."""

    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    amount = francs_field(_("Amount received (FCFA)"))
    received_on = forms.DateField(label=_("Received on"), widget=AdminDateInput)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    to_oldest = forms.BooleanField(
        label=_("Allocate to the oldest invoices"),
        required=False,
        help_text=_("What is not allocated above goes to the open invoices, oldest due first."),
    )

    def __init__(self, *args, invoices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invoices = list(invoices)
        self.fields["received_on"].initial = timezone.localdate()
        for invoice in self.invoices:
            self.fields[self.field_name(invoice)] = francs_field(
                _("%(number)s (balance %(balance)s FCFA)")
                % {"number": invoice.number, "balance": invoice.balance},
                required=False,
            )

    @staticmethod
    def field_name(invoice) -> str:
        return f"invoice_{invoice.pk}"

    def allocation_fields(self):
        return [self[self.field_name(invoice)] for invoice in self.invoices]

    def allocations(self) -> list[tuple[Invoice, int]]:
        return [
            (invoice, self.cleaned_data[self.field_name(invoice)])
            for invoice in self.invoices
            if self.cleaned_data.get(self.field_name(invoice))
        ]


class AllocationForm(forms.Form):
    invoice = forms.ModelChoiceField(label=_("Invoice"), queryset=Invoice.objects.none())
    amount = francs_field(_("Amount (FCFA)"))

    def __init__(self, *args, payer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoice"].queryset = open_invoices(payer) if payer else Invoice.objects.none()
        self.fields["invoice"].label_from_instance = lambda invoice: (
            _("%(number)s (balance %(balance)s FCFA)")
            % {"number": invoice.number, "balance": invoice.balance}
        )


class DismissForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AgeingForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False, widget=AdminDateInput)
    advertiser = forms.ModelChoiceField(
        label=_("Company billed"),
        required=False,
        queryset=Advertiser.objects.order_by("name"),
        empty_label=_("All"),
    )


class StatementForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company billed"), queryset=Advertiser.objects.order_by("name")
    )
    start = forms.DateField(label=_("From"), widget=AdminDateInput)
    end = forms.DateField(label=_("Until"), widget=AdminDateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data
