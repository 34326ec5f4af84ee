"""`/admin/billing/to-bill/` (`billing_to_bill:index`): the campaigns with aired
airings on no invoice ("Créer le brouillon" → `drafts.create_draft`), and the
approved campaigns of advertisers who prepay with no advance invoice yet
("Facture d'acompte" → `advance.create_advance`)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Campaign

from ..models import Invoice, InvoiceKind
from ..selectors.billable import campaigns_to_bill
from ..services import advance, drafts
from .common import ActionView, BillingScreenViewSet, BillingView, paginate

NAMESPACE = "billing_to_bill"


def prepay_campaigns():
    """Approved, scheduled or airing campaigns of advertisers who prepay, with no
    advance invoice yet."""
    has_advance = Invoice.objects.filter(campaign=OuterRef("pk"), kind=InvoiceKind.ADVANCE)
    return (
        Campaign.objects.filter(
            status__in=advance.ADVANCE_STATUSES, advertiser__requires_prepayment=True
        )
        .exclude(Exists(has_advance))
        .select_related("advertiser")
        .order_by("start_date", "pk")
    )


class ToBillView(BillingView):
    template_name = "billing/admin/to_bill.html"
    page_title = gettext_lazy("To bill")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaigns=paginate(self.request, campaigns_to_bill()),
            prepay=paginate(self.request, prepay_campaigns(), param="ap"),
        )
        return context


class _CampaignAction(ActionView):
    def load(self, **kwargs):
        return get_object_or_404(Campaign, pk=kwargs["pk"])

    def failure_url(self) -> str:
        return reverse(f"{NAMESPACE}:index")

    def success_url(self, invoice) -> str:
        return reverse("billing_invoices:detail", args=[invoice.pk])


class CreateDraftView(_CampaignAction):
    def act(self):
        invoice = drafts.create_draft(campaign=self.object, actor=self.request.user)
        return _("Draft invoice created for “%(title)s”.") % {"title": self.object.title}, invoice


class CreateAdvanceView(_CampaignAction):
    def act(self):
        invoice = advance.create_advance(campaign=self.object, actor=self.request.user)
        return (
            _("Draft advance invoice created for “%(title)s”.") % {"title": self.object.title},
            invoice,
        )


class ToBillViewSet(BillingScreenViewSet):
    name = NAMESPACE
    url_prefix = "billing/to-bill"
    icon = "doc-empty-inverse"
    menu_label = gettext_lazy("To bill")
    menu_order = 100

    def get_urlpatterns(self):
        return [
            path("", ToBillView.as_view(), name="index"),
            path("<int:pk>/draft/", CreateDraftView.as_view(), name="create_draft"),
            path("<int:pk>/advance/", CreateAdvanceView.as_view(), name="create_advance"),
        ]
