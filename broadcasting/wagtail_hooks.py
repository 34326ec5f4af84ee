"""Wagtail admin of the broadcasting app: the "Diffusion" menu (administrators
only), one `ViewSetGroup` of the screens of `broadcasting.admin`, and the log
action of a campaign's placement priority."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter

from .admin.airings import AiringViewSet
from .admin.asrun import AsRunImportViewSet
from .admin.asrun_sources import AsRunSourceViewSet
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
        AsRunImportViewSet,
        AsRunSourceViewSet,
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


# Titles wrap between words, never inside one: Wagtail's listings break a title
# anywhere (`word-break: break-word`), which on a phone cut "06/12/2026" after
# "06/12". A single word longer than the column still wraps (overflow-wrap).
ADMIN_TITLES_CSS = (
    ".listing .title, .listing .title a, .w-header__title, .w-h1, .w-h2, .w-h3"
    " { word-break: normal; overflow-wrap: break-word; hyphens: manual; }"
)


@hooks.register("insert_global_admin_css")
def admin_titles_css():
    return format_html("<style>{}</style>", ADMIN_TITLES_CSS)
