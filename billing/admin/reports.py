"""`/admin/billing/ageing/` (`billing_ageing:index`): what each company billed
owes by days past due, with its credit on account (`selectors.ageing.ageing`);
`/admin/billing/statement/` (`billing_statement:index`): a company's statement
for a period, its running balance (`selectors.statement.statement`)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..forms import AgeingForm, StatementForm
from ..selectors.ageing import ageing
from ..selectors.statement import statement
from .common import BillingScreenViewSet, BillingView, paginate

DOCUMENT_URLS = {
    "invoice": "billing_invoices:detail",
    "credit_note": "billing_credit_notes:detail",
    "payment": "billing_payments:detail",
}


class AgeingView(BillingView):
    template_name = "billing/admin/ageing.html"
    page_title = gettext_lazy("Ageing of balances")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AgeingForm(self.request.GET or None)
        chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
        as_of = chosen.get("as_of") or timezone.localdate()
        report = ageing(as_of=as_of, advertiser=chosen.get("advertiser"))
        context.update(
            form=form,
            as_of=as_of,
            report=report,
            rows=paginate(self.request, report.rows),
            statement_url=reverse("billing_statement:index"),
        )
        return context


class StatementView(BillingView):
    template_name = "billing/admin/statement.html"
    page_title = gettext_lazy("Client statement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        defaults = {"start": today.replace(day=1), "end": today}
        data = None
        if "company" in self.request.GET:
            data = self.request.GET.copy()
            for name, value in defaults.items():
                if not data.get(name):
                    data[name] = value.isoformat()
        form = StatementForm(data, initial=defaults)
        result = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            result = statement(data["company"], data["start"], data["end"])
            for row in result.rows:
                name = DOCUMENT_URLS.get(row.kind)
                pk = getattr(row.document, "pk", None)
                row.url = reverse(name, args=[pk]) if name and pk else ""
        context.update(
            form=form,
            statement=result,
            rows=paginate(self.request, result.rows) if result else None,
        )
        return context


class AgeingViewSet(BillingScreenViewSet):
    name = "billing_ageing"
    url_prefix = "billing/ageing"
    icon = "time"
    menu_label = gettext_lazy("Ageing of balances")
    menu_order = 500

    def get_urlpatterns(self):
        return [path("", AgeingView.as_view(), name="index")]


class StatementViewSet(BillingScreenViewSet):
    name = "billing_statement"
    url_prefix = "billing/statement"
    icon = "list-ul"
    menu_label = gettext_lazy("Client statement")
    menu_order = 600

    def get_urlpatterns(self):
        return [path("", StatementView.as_view(), name="index")]
