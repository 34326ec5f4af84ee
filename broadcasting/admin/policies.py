"""Who may open the "Diffusion" menu: the "Administrateur commercial" role with
access to the admin (broadcasters work from `/diffusion/`, never here)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import is_broadcast_staff
from accounts.roles import GROUP_NAMES, Role


class AdministratorPolicy(BasePermissionPolicy):
    """Every allowed action to the administrator role, nothing to anyone else.

    The rights follow the role rather than Django model permissions: the
    running order is the commercial team's, whatever a group editor ticks."""

    def __init__(self, model, actions=("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_broadcast_staff(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions & set(actions)) and is_broadcast_staff(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions & set(actions):
            return users.none()
        admins = Q(is_superuser=True) | Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR])
        return users.filter(admins).distinct()
