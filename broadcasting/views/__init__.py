"""The broadcasters' planning dashboard (`/diffusion/`): the day and week views
and their live fragment, the confirmations, and the running-order exports
(re-exported here for `broadcasting.urls`). The advertiser's airings,
certificates and the public check are in `views.advertiser`."""

from .actions import confirm_aired, confirm_break, mark_missed, undo_confirmation
from .exports import export
from .planning import dashboard, fragment, spot_report
from .problems import report_airing_problem, report_spot_problem

__all__ = [
    "confirm_aired",
    "confirm_break",
    "dashboard",
    "export",
    "fragment",
    "mark_missed",
    "report_airing_problem",
    "report_spot_problem",
    "spot_report",
    "undo_confirmation",
]
