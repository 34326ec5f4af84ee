"""The portal's users in the Wagtail admin: Wagtail's own user admin with the
portal's fields (phone, advertiser), set as the user viewset of
`accounts.wagtail_apps.PortalUsersAppConfig` (INSTALLED_APPS)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users as wagtail_users

from ..forms.admin import WagtailUserCreationForm, WagtailUserEditForm


class _NoSuperuserGrantMixin:
    """Only a superuser may make someone a superuser: the "Administrateur
    commercial" role manages accounts without being able to raise one above
    itself."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields.get("is_superuser")
        if field is not None and not self.request.user.is_superuser:
            # Disabled: shown, but the posted value is ignored.
            field.disabled = True
            field.help_text = _("Only a superuser can change this.")
        return form


class UserCreateView(_NoSuperuserGrantMixin, wagtail_users.CreateView):
    pass


class UserEditView(_NoSuperuserGrantMixin, wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Changing a superuser's e-mail or password would take over the account.
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    create_template_name = "wagtailadmin/bf1_users/create.html"
    edit_template_name = "wagtailadmin/bf1_users/edit.html"

    def get_form_class(self, for_update=False):
        return WagtailUserEditForm if for_update else WagtailUserCreationForm
