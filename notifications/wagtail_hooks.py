"""Wagtail admin of the notifications app: the outgoing e-mail queue, its
"Renvoyer" bulk action and the log entry of a resend."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .admin.emails import OutgoingEmailViewSet
from .admin.resend import ResendEmailsBulkAction
from .outbox import LOG_RESEND


@hooks.register("register_admin_viewset")
def register_outgoing_emails():
    return OutgoingEmailViewSet()


hooks.register("register_bulk_action", ResendEmailsBulkAction)


@hooks.register("register_log_actions")
def register_notifications_log_actions(actions):
    @actions.register_action(LOG_RESEND)
    class EmailResent(LogFormatter):
        label = _("Resend the e-mail")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("E-mail resent (was %(status)s after %(attempts)s attempts)") % {
                "status": data.get("status", "?"),
                "attempts": data.get("attempts", "?"),
            }
