"""Wagtail admin of the simulator app: the "Tarifs" menu (rate cards, quote
requests, advisor rules: `simulator.admin`) and the log actions its services record."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.advisor_rules import AdvisorRuleViewSet
from .admin.quote_requests import QuoteRequestViewSet
from .admin.rate_cards import RateCardViewSet
from .services import LOG_DUPLICATE, LOG_HANDLED


class RatesViewSetGroup(ViewSetGroup):
    menu_label = _("Rates")
    menu_icon = "table"
    menu_order = 240
    items = (RateCardViewSet, QuoteRequestViewSet, AdvisorRuleViewSet)


@hooks.register("register_admin_viewset")
def register_rates():
    return RatesViewSetGroup()


@hooks.register("register_log_actions")
def register_simulator_log_actions(actions):
    actions.register_action(
        LOG_DUPLICATE, _("Duplicate for next period"), _("Created as a copy of another card")
    )
    actions.register_action(LOG_HANDLED, _("Mark as handled"), _("Marked as handled"))
