"""Who may open the "Rédaction" menu (the editorial managers and the
administrators with access to the admin: `accounts.permissions.is_desk_staff`)
and the bases of its viewsets."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import is_desk_staff
from accounts.roles import GROUP_NAMES, Role


class EditorialPolicy(BasePermissionPolicy):
    """Every allowed action to the editorial managers and the administrators,
    nothing to anyone else (the desk follows the role, not model permissions)."""

    def __init__(self, model, actions=("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_desk_staff(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions & set(actions)) and is_desk_staff(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions & set(actions):
            return users.none()
        desk = (
            Q(is_superuser=True)
            | Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR])
            | Q(groups__name=GROUP_NAMES[Role.EDITORIAL])
        )
        return users.filter(desk).distinct()


def check_desk(request) -> None:
    """The desk's own screens (the inbox, the planning), outside the viewsets'
    permission policy: PermissionDenied to anyone else."""
    if not is_desk_staff(request.user):
        raise PermissionDenied


class DeskMenuItem(MenuItem):
    """An entry of the "Rédaction" menu: shown to the desk only."""

    def is_shown(self, request):
        return is_desk_staff(request.user)


class DeskViewSet(ModelViewSet):
    """A listing of the menu: the desk only, no copy nor inspect view, not in
    Wagtail's reference index."""

    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50
    search_backend_name = None
    policy_actions = ("add", "change", "delete", "view")
    menu_item_class = DeskMenuItem

    @property
    def permission_policy(self):
        return EditorialPolicy(self.model, actions=self.policy_actions)


class DeskScreenViewSet(ViewSet):
    """The menu entry of a desk screen that is not a model listing (the inbox,
    the planning). Its URL keeps its own name outside any namespace
    (`url_name`), registered by `editorial.wagtail_hooks`; its view checks the
    desk itself."""

    url_name = ""
    menu_item_class = DeskMenuItem

    @cached_property
    def menu_url(self):
        return reverse(self.url_name)
