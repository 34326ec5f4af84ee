"""Wagtail admin of the e-mail queue: the list of every e-mail the portal sent or
tried to send, with its delivery state, last error and next attempt, for the
commercial team. Read-only but for "Renvoyer" (`resend`): a failed or stuck
e-mail can be queued again, one by one or in bulk."""

from django.template.defaultfilters import truncatechars
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from ..models import OutgoingEmail
from .policies import ViewOnlyPermissionPolicy
from .resend import resend_url, with_can_resend

__all__ = ["OutgoingEmailViewSet", "ViewOnlyPermissionPolicy"]


def _recipients(email: OutgoingEmail) -> str:
    return ", ".join(email.to)


def _last_error(email: OutgoingEmail) -> str:
    return truncatechars(email.last_error, 80)


def _next_attempt(email: OutgoingEmail) -> str:
    """When it is tried again, in words ("18 novembre à 11:00"); "" if never."""
    if email.status == OutgoingEmail.Status.SENT:
        return ""
    return email.delivery.next_attempt


class OutgoingEmailIndexView(IndexView):
    template_name = "notifications/admin/outgoing_email_index.html"

    def get_base_queryset(self):
        return with_can_resend(super().get_base_queryset())

    @cached_property
    def columns(self):
        checkbox = BulkActionsCheckboxColumn("bulk_actions", obj_type="outgoingemail")
        return [checkbox, *super().columns]

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The checkbox of each row is described by its subject (screen readers).
        kwargs.setdefault("get_title_id", lambda instance: f"outgoingemail_{instance.pk}_title")
        return super()._get_title_column(field_name, column_class, **kwargs)

    @cached_property
    def _back_to_list(self) -> str:
        # The list as filtered now (not the AJAX results URL this may render for).
        query = self.request.GET.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if getattr(instance, "can_resend", False):
            buttons.insert(
                0,
                ListingButton(
                    _("Resend"),
                    url=resend_url(instance, next_url=self._back_to_list),
                    icon_name="resubmit",
                    attrs={"data-resend": str(instance.pk)},
                    priority=5,
                ),
            )
        return buttons


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    name = "outgoing_emails"
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_settings_menu = True
    menu_order = 700
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OutgoingEmailIndexView
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
        "queued_at",
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
        Column("next_attempt_at", label=_("Next attempt"), accessor=_next_attempt),
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
