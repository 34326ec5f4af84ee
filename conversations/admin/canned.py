"""`/admin/messages/canned-replies/` (`conversations_canned:index`...): the ready
answers the staff insert in a reply, per team; managed by the commercial
administrators only (a ModelViewSet with the role as its permission policy)."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import CannedReply
from .common import AdministratorMenuItem, AdministratorsPolicy


class CannedReplyViewSet(ModelViewSet):
    model = CannedReply
    name = "conversations_canned"
    url_prefix = "messages/canned-replies"
    icon = "comment"
    menu_label = _("Canned replies")
    menu_order = 300
    menu_item_class = AdministratorMenuItem
    form_fields = ["title", "team", "body", "active"]
    list_display = ["title", "team", "active", "updated_at"]
    list_filter = ["team", "active"]
    search_fields = ["title", "body"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50

    @cached_property
    def permission_policy(self):
        return AdministratorsPolicy(CannedReply)
