"""Wagtail admin of the accounts app: the "Clients" menu (advertisers, business
sectors: `accounts.admin.clients`) and the users' avatars."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin.clients import AdvertiserViewSet, BusinessSectorViewSet

# The user admin itself is set in accounts/wagtail_apps.py (INSTALLED_APPS).


class ClientsViewSetGroup(ViewSetGroup):
    menu_label = _("Clients")
    menu_icon = "group"
    menu_order = 250
    items = (AdvertiserViewSet, BusinessSectorViewSet)


@hooks.register("register_admin_viewset")
def register_clients():
    return ClientsViewSetGroup()


@hooks.register("get_avatar_url")
def avatar_without_gravatar(user, size):
    """The user's photo, else the Wagtail avatar, else Wagtail's default image:
    never Gravatar, so the admin makes no request to a third-party site."""
    photo = getattr(user, "photo", None)
    if photo:
        return photo.url
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return profile.avatar.url
    return versioned_static("wagtailadmin/images/default-user-avatar.png")
