"""Wagtail admin of the payments app: the "Paiements en ligne" menu, one
`ViewSetGroup` of the screens of `payments.admin`, shown only while
ENABLE_PAYMENTS is on and to the billing staff (the commercial administrators
and the accountants). While payments are off its URLs answer 404."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.attempts import AttemptViewSet
from .admin.events import EventViewSet


class PaymentsViewSetGroup(ViewSetGroup):
    menu_label = _("Online payments")
    menu_name = "payments"
    menu_icon = "success"
    menu_order = 245
    items = (AttemptViewSet, EventViewSet)

    def get_submenu_items(self):
        # Each entry keeps its own order and is shown only to payments_staff().
        return [registerable.get_menu_item() for registerable in self.registerables]


@hooks.register("register_admin_viewset")
def register_payments():
    return PaymentsViewSetGroup()


def payments_menu_item():
    """The "Paiements en ligne" menu entry, as the group adds it to the admin menu."""
    return PaymentsViewSetGroup().get_menu_item()
