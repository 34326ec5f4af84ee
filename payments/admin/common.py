"""What the screens of the admin "Paiements en ligne" menu share: they exist only
while ENABLE_PAYMENTS is on, for the billing staff (the commercial administrators
and the accountants, the gate of billing's "Facturation" menu).

The permission is checked first (a 403, which Wagtail turns into the dashboard
for other staff), then the switch (a 404 while payments are off), then the
object of the URL. Each action acts on POST only, through
`payments.services.reconcile`; a `PaymentError` is shown with its French message
and changes nothing."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from billing.admin.common import BillingView, check_billing_staff, is_billing_staff

from ..conf import payments_enabled, require_enabled
from ..exceptions import PaymentError

MENU_ICON = "success"


def payments_staff(request) -> bool:
    """The menu is shown when payments are on, to the billing staff only."""
    return payments_enabled() and is_billing_staff(request.user)


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request):
        return payments_staff(request)


class PaymentsScreenViewSet(ViewSet):
    """A screen of the menu (its own URL namespace under /admin/payments/)."""

    icon = MENU_ICON
    menu_item_class = PaymentsMenuItem


def check_payments_staff(request) -> None:
    """The billing staff (else 403), then the switch (else 404)."""
    check_billing_staff(request)
    require_enabled()


class PaymentsView(BillingView):
    """A page of the menu: the permission, then the switch, then the object."""

    header_icon = MENU_ICON

    def dispatch(self, request, *args, **kwargs):
        check_payments_staff(request)
        return super().dispatch(request, *args, **kwargs)


def refuse(request, form, error: PaymentError) -> None:
    """A refused action: the service's French message at the top of the page, its
    field errors beside the fields of `form` that has them."""
    messages.error(request, error.message)
    for key, field_messages in (getattr(error, "field_errors", None) or {}).items():
        if key in form.fields:
            for message in field_messages:
                if message not in form.errors.get(key, []):
                    form.add_error(key, message)


def url(name: str, *args) -> str:
    return reverse(name, args=args)


__all__ = [
    "PaymentsMenuItem",
    "PaymentsScreenViewSet",
    "PaymentsView",
    "check_payments_staff",
    "payments_staff",
    "refuse",
    "url",
]
