from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roles import Role, has_role

from . import views


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [path("editorial/", views.desk, name="editorial_desk")]


class EditorialMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, Role.EDITORIAL, Role.ADMINISTRATOR)


@hooks.register("register_admin_menu_item")
def register_editorial_menu_item():
    return EditorialMenuItem(
        _("Editorial desk"), reverse("editorial_desk"), icon_name="doc-full", order=300
    )
