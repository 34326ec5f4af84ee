"""Who may open the assistant's admin screens: the role decides, not the model
permissions (like conversations.admin.common)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import admin_staff
from accounts.roles import GROUP_NAMES, Role

FAQ_ROLES = (Role.ADMINISTRATOR, Role.EDITORIAL)
REPORT_ROLES = (Role.ADMINISTRATOR,)


def is_faq_staff(user) -> bool:
    """Editorial managers and commercial administrators with access to the admin."""
    return admin_staff(user, *FAQ_ROLES)


def is_report_staff(user) -> bool:
    """Commercial administrators (and superusers) with access to the admin."""
    return admin_staff(user, *REPORT_ROLES)


class RolesPolicy(BasePermissionPolicy):
    """Every action (add, change, delete, publish...) to the staff of `roles`."""

    def __init__(self, model, *, roles: tuple[Role, ...]):
        super().__init__(model)
        self.roles = roles

    def user_has_permission(self, user, action):
        return admin_staff(user, *self.roles)

    def user_has_any_permission(self, user, actions):
        return admin_staff(user, *self.roles)

    def users_with_any_permission(self, actions):
        names = [GROUP_NAMES[role] for role in self.roles]
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=names)).distinct()


class FaqMenuItem(MenuItem):
    def is_shown(self, request):
        return is_faq_staff(request.user)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_report_staff(request.user)
