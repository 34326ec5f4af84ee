"""`/admin/billing/payments/` (`billing_payments:index`): the payments received.
Recording one takes two steps (`billing_payments:add`): the payer, then the
payment with an amount per open invoice of the payer and "allocate to the
oldest"; nothing is saved when anything is refused. A payment's page
(`billing_payments:detail`) shows its allocations and what remains as a credit
on account, to allocate to an open invoice."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from ..exceptions import BillingError
from ..forms import AllocationForm, PayerForm, PaymentForm, open_invoices
from ..models import Payment
from ..services import payments
from .common import (
    ActionView,
    BillingScreenViewSet,
    BillingView,
    DetailFormsMixin,
    FormActionMixin,
    paginate,
    refuse,
)

NAMESPACE = "billing_payments"


def detail_url(payment) -> str:
    return reverse(f"{NAMESPACE}:detail", args=[payment.pk])


def load_payment(pk) -> Payment:
    return get_object_or_404(Payment.objects.select_related("payer", "recorded_by"), pk=pk)


class PaymentIndexView(BillingView):
    template_name = "billing/admin/payments.html"
    page_title = gettext_lazy("Payments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payments"] = paginate(
            self.request, Payment.objects.select_related("payer", "recorded_by")
        )
        return context


class AddPaymentView(BillingView):
    """Step 1 (GET, no payer): choose the payer. Step 2 (`?payer=`): the payment."""

    template_name = "billing/admin/payment_add.html"
    page_title = gettext_lazy("Record a payment")
    index_url_name = f"{NAMESPACE}:index"
    index_label = gettext_lazy("Payments")

    def load(self, **kwargs):
        self.payer_form = PayerForm(self.request.GET if "payer" in self.request.GET else None)
        self.payer = (
            self.payer_form.cleaned_data["payer"]
            if self.payer_form.is_bound and self.payer_form.is_valid()
            else None
        )
        self.invoices = list(open_invoices(self.payer)) if self.payer else []

    def payment_form(self, data=None):
        return PaymentForm(data, invoices=self.invoices)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(payer_form=self.payer_form, payer=self.payer, invoices=self.invoices)
        if self.payer is not None:
            context.setdefault("form", self.payment_form())
        return context

    def post(self, request, *args, **kwargs):
        if self.payer is None:
            return self.render_to_response(self.get_context_data())
        form = self.payment_form(request.POST)
        if form.is_valid():
            try:
                payment = self.record(form)
            except BillingError as error:
                refuse(request, form, error)
            else:
                messages.success(
                    request, _("Payment recorded: %(payment)s.") % {"payment": payment}
                )
                return redirect(detail_url(payment))
        return self.render_to_response(self.get_context_data(form=form))

    @transaction.atomic
    def record(self, form) -> Payment:
        """The payment, its allocations and the rest to the oldest invoices, all
        or nothing."""
        data = form.cleaned_data
        payment = payments.record_payment(
            payer=self.payer,
            actor=self.request.user,
            method=data["method"],
            amount=data["amount"],
            received_on=data["received_on"],
            reference=data["reference"],
            note=data["note"],
            allocations=form.allocations(),
        )
        if data["to_oldest"]:
            payments.allocate_to_oldest(payment=payment, actor=self.request.user)
            payment.refresh_from_db()
        return payment


class PaymentDetailView(DetailFormsMixin, BillingView):
    template_name = "billing/admin/payment_detail.html"
    index_url_name = f"{NAMESPACE}:index"
    index_label = gettext_lazy("Payments")

    def load(self, **kwargs):
        self.object = load_payment(kwargs["pk"])

    def get_page_title(self):
        return _("Payment of %(payer)s") % {"payer": self.object.payer}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = self.object
        context.update(
            payment=payment,
            allocations=list(payment.allocations.select_related("invoice", "allocated_by")),
            events=list(payment.events.select_related("actor", "invoice")[:100]),
        )
        if payment.unallocated > 0:
            form = self.make_form(
                "allocate",
                AllocationForm,
                payer=payment.payer,
                initial={"amount": payment.unallocated},
            )
            context.update(allocate_form=form, has_open=form.fields["invoice"].queryset.exists())
        return context


class AllocateView(FormActionMixin, PaymentDetailView):
    form_name = "allocate"
    form_class = AllocationForm

    def get_form_kwargs(self) -> dict:
        return {"payer": self.object.payer}

    def act(self, form) -> str:
        allocation = payments.allocate(
            payment=self.object,
            invoice=form.cleaned_data["invoice"],
            amount=form.cleaned_data["amount"],
            actor=self.request.user,
        )
        return _("%(amount)s FCFA allocated to %(number)s.") % {
            "amount": allocation.amount,
            "number": allocation.invoice.number,
        }

    def done_url(self) -> str:
        return detail_url(self.object)


class AllocateOldestView(ActionView):
    def load(self, **kwargs):
        return load_payment(kwargs["pk"])

    def act(self):
        made = payments.allocate_to_oldest(payment=self.object, actor=self.request.user)
        if not made:
            return _("No open invoice of this payer to allocate to."), None
        return _("Allocated to %(count)s invoice(s), oldest first.") % {"count": len(made)}, None

    def failure_url(self) -> str:
        return detail_url(self.object)

    def success_url(self, result) -> str:
        return detail_url(self.object)


class PaymentViewSet(BillingScreenViewSet):
    name = NAMESPACE
    url_prefix = "billing/payments"
    icon = "success"
    menu_label = gettext_lazy("Payments")
    menu_order = 400

    def get_urlpatterns(self):
        return [
            path("", PaymentIndexView.as_view(), name="index"),
            path("new/", AddPaymentView.as_view(), name="add"),
            path("<int:pk>/", PaymentDetailView.as_view(), name="detail"),
            path("<int:pk>/allocate/", AllocateView.as_view(), name="allocate"),
            path("<int:pk>/allocate-oldest/", AllocateOldestView.as_view(), name="allocate_oldest"),
        ]
