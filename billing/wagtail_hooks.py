"""Wagtail admin of the billing app: the "Facturation" menu (commercial
administrators and accountants only), one `ViewSetGroup` of the screens of
`billing.admin`. The station's billing settings (`BillingSettings`, a site
setting) are Wagtail's own screen, open to `billing.change_billingsettings`
only: the commercial administrators, never the accountants."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.credit_notes import CreditNoteViewSet
from .admin.invoices import InvoiceViewSet
from .admin.journal import JournalViewSet
from .admin.payments import PaymentViewSet
from .admin.reports import AgeingViewSet, StatementViewSet
from .admin.to_bill import ToBillViewSet


class BillingViewSetGroup(ViewSetGroup):
    """The "Facturation" menu; shown to the billing staff only (each entry is)."""

    menu_label = _("Billing")
    menu_name = "billing"
    menu_icon = "doc-full"
    menu_order = 240
    items = (
        ToBillViewSet,
        InvoiceViewSet,
        CreditNoteViewSet,
        PaymentViewSet,
        AgeingViewSet,
        StatementViewSet,
        JournalViewSet,
    )

    def get_submenu_items(self):
        return [registerable.get_menu_item() for registerable in self.registerables]


@hooks.register("register_admin_viewset")
def register_billing():
    return BillingViewSetGroup()


def billing_menu_item():
    """The "Facturation" menu entry, as the group adds it to the admin menu."""
    return BillingViewSetGroup().get_menu_item()
