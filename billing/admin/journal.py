"""`/admin/billing/journal-export/` (`billing_journal:index`): the form of the
accountant's journal export (a period and a format), which downloads
`/admin/billing/journal/?start=&end=&format=` (billing.exports.views)."""

from __future__ import annotations

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .common import BillingScreenViewSet, BillingView


class JournalForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xlsx", "XLSX (Excel)"), ("csv", "CSV")],
        initial="xlsx",
    )


class JournalView(BillingView):
    template_name = "billing/admin/journal.html"
    page_title = gettext_lazy("Accounting journal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            form=JournalForm(initial={"start": today.replace(day=1), "end": today}),
            export_url=reverse("billing_journal_export"),
        )
        return context


class JournalViewSet(BillingScreenViewSet):
    name = "billing_journal"
    url_prefix = "billing/journal-export"
    icon = "download"
    menu_label = gettext_lazy("Accounting journal")
    menu_order = 700

    def get_urlpatterns(self):
        return [path("", JournalView.as_view(), name="index")]
