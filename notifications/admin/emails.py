"""Wagtail admin of the e-mail queue: a read-only list of every e-mail the portal
sent or tried to send, with its delivery state, for the commercial team."""

from django.template.defaultfilters import truncatechars
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import OutgoingEmail


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted, to superusers too: the queue is written by
    the e-mail backend and its delivery task, never by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


def _recipients(email: OutgoingEmail) -> str:
    return ", ".join(email.to)


def _last_error(email: OutgoingEmail) -> str:
    return truncatechars(email.last_error, 80)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    name = "outgoing_emails"
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_settings_menu = True
    menu_order = 700
    copy_view_enabled = False
    inspect_view_enabled = True
    # The bodies are left out on purpose: they hold confirmation and
    # password-reset links that only their recipient may see.
    inspect_view_fields = [
        "subject",
        "from_email",
        "to",
        "cc",
        "reply_to",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
    ]
    ordering = "-created_at"
    list_per_page = 50
    list_display = [
        "subject",
        Column("to", label=_("Recipients"), accessor=_recipients),
        "status",
        "attempts",
        DateColumn("created_at", label=_("Created at"), sort_key="created_at"),
        Column("last_error", label=_("Last error"), accessor=_last_error),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    search_backend_name = None

    @property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        # No add, edit, delete, copy or history views at all.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
