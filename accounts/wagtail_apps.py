"""Wagtail's users app, pointed at the portal's user admin (phone, advertiser,
no superuser grant by non-superusers). Listed in INSTALLED_APPS in place of
"wagtail.users", as Wagtail documents for custom user models."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin.users.UserViewSet"
