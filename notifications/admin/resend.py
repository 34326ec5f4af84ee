""" "Renvoyer" in the admin e-mail list: a Wagtail bulk action (the footer of the
list, and the "Resend" button of each row, which opens it for one e-mail). A
confirmation page (GET) then a POST with Django's CSRF check; only staff who may
see the list may use it, and only failed or stuck e-mails are sent again
(`outbox.resend_emails`: attempts reset, back to queued, logged, enqueued)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from core.numbers import parse_int

from .. import outbox
from ..models import OutgoingEmail
from .policies import ViewOnlyPermissionPolicy

ACTION = "resend"


def with_can_resend(queryset):
    """`queryset` with `can_resend`: the e-mail is failed or stuck (now)."""
    condition = outbox.resendable_filter(OutgoingEmail.Status, now=timezone.now())
    return queryset.annotate(can_resend=ExpressionWrapper(condition, output_field=BooleanField()))


def resend_url(email: OutgoingEmail, *, next_url: str) -> str:
    """The confirmation page of "Renvoyer" for one e-mail."""
    base = reverse("wagtail_bulk_action", args=["notifications", "outgoingemail", ACTION])
    return f"{base}?{urlencode({'id': email.pk, 'next': next_url})}"


class ResendEmailsBulkAction(BulkAction):
    display_name = _("Resend")
    action_type = ACTION
    aria_label = _("Resend the selected e-mails")
    template_name = "notifications/admin/confirm_resend.html"
    action_priority = 10
    models = [OutgoingEmail]

    def dispatch(self, request, *args, **kwargs):
        if not ViewOnlyPermissionPolicy(OutgoingEmail).user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Hostile ids ("abc", "²", 5 000 digits) are dropped, never a 500.
        ids = [pk for pk in (parse_int(value) for value in object_ids) if pk is not None]
        return list(with_can_resend(model.objects.filter(pk__in=ids)).order_by("pk"))

    def get_all_objects_in_listing_query(self, parent_id):
        return (
            with_can_resend(OutgoingEmail.objects.all())
            .filter(can_resend=True)
            .values_list("pk", flat=True)
        )

    def check_perm(self, obj):
        # Listed as "cannot be resent" on the confirmation page: sent, or being sent.
        return obj.can_resend

    def get_execution_context(self):
        return {"actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, actor=None, **kwargs):
        resent = outbox.resend_emails(email_ids=[obj.pk for obj in objects], actor=actor)
        return len(resent), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return ngettext(
            "%(count)d e-mail is queued again.",
            "%(count)d e-mails are queued again.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
