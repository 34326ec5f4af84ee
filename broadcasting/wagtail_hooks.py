"""Wagtail admin of the broadcasting app: the "Diffusion" menu (administrators
only), one `ViewSetGroup` of the screens of `broadcasting.admin`, and the log
action of a campaign's placement priority."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter

from .admin.airings import AiringViewSet
from .admin.breaks import BreakViewSet
from .admin.grid import BreakGridViewSet
from .admin.journal import JournalViewSet
from .admin.makegoods import MakeGoodViewSet
from .admin.unplaced import UnplacedViewSet
from .services.placement_admin import LOG_PRIORITY


class BroadcastingViewSetGroup(ViewSetGroup):
    menu_label = _("Broadcasting")
    menu_icon = "time"
    menu_order = 235
    items = (
        BreakGridViewSet,
        BreakViewSet,
        AiringViewSet,
        UnplacedViewSet,
        MakeGoodViewSet,
        JournalViewSet,
    )


@hooks.register("register_admin_viewset")
def register_broadcasting():
    return BroadcastingViewSetGroup()


@hooks.register("register_log_actions")
def register_broadcasting_log_actions(actions):
    @actions.register_action(LOG_PRIORITY)
    class PriorityChanged(LogFormatter):
        label = _("Change the placement priority")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Placement priority changed from %(old)s to %(new)s") % {
                "old": data.get("old", "?"),
                "new": data.get("new", "?"),
            }
