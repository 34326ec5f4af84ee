"""What the admin screens of the conversations share: who may open them (the
staff with access to the admin and a role that sees threads), the one way a
thread is looked up (through `visible_threads`: 404 otherwise), the menu entries
and the base of the views.

Each action is a POST through `conversations.services`; a ConversationError is
shown with its French message and changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import admin_staff, is_administrator
from accounts.roles import GROUP_NAMES, Role

from ..models import Thread
from ..selectors.access import visible_threads

NAMESPACE = "conversations_admin"
MENU_ICON = "mail"
STAFF_ROLES = (Role.ADMINISTRATOR, Role.EDITORIAL, Role.ACCOUNTANT, Role.BROADCASTER)


def is_conversation_staff(user) -> bool:
    """Staff with access to the admin whose role sees threads: administrators
    (all), editorial managers (the newsroom's), accountants (billing), and
    broadcasters given access to the admin (problem reports)."""
    return admin_staff(user, *STAFF_ROLES)


def check_staff(request) -> None:
    if not is_conversation_staff(request.user):
        raise PermissionDenied


def staff_thread(request, pk: int, *, queryset=None) -> Thread:
    """The thread `pk` if the user may see it, else 404 (never 403)."""
    threads = visible_threads(request.user) if queryset is None else queryset
    thread = threads.filter(pk=pk).select_related("advertiser", "assignee", "created_by").first()
    if thread is None:
        raise Http404
    return thread


def thread_url(thread_or_pk) -> str:
    pk = getattr(thread_or_pk, "pk", thread_or_pk)
    return reverse(f"{NAMESPACE}:thread", args=[pk])


class MessagesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_conversation_staff(request.user)


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_conversation_staff(request.user) and is_administrator(request.user)


class MessagesScreenViewSet(ViewSet):
    icon = MENU_ICON
    menu_item_class = MessagesMenuItem


class AdministratorsPolicy(BasePermissionPolicy):
    """Every action to the commercial administrators (and superusers) with access
    to the admin, nothing to anyone else: the canned replies."""

    def user_has_permission(self, user, action):
        return admin_staff(user, Role.ADMINISTRATOR)

    def user_has_any_permission(self, user, actions):
        return admin_staff(user, Role.ADMINISTRATOR)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(
            Q(is_superuser=True) | Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR])
        ).distinct()


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    """A page of the menu: the conversation staff only (403, which Wagtail turns
    into a redirect to the dashboard), checked before anything is looked up."""

    header_icon = MENU_ICON

    def dispatch(self, request, *args, **kwargs):
        check_staff(request)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs) -> None:
        """Look up the object of the URL (after the permission check)."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:inbox"), "label": gettext("Messages")},
            {"url": "", "label": str(self.get_page_title())},
        ]
