"""Wagtail admin of the portal's users and of the client companies: advertisers
and business sectors, grouped in a "Clients" menu."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views import users as wagtail_users

from .forms.admin import WagtailUserCreationForm, WagtailUserEditForm
from .models import Advertiser, BusinessSector

# --- Users (Wagtail's own user admin, with the portal's fields) -------------


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


# --- Clients: advertisers and business sectors -------------------------------


class AdvertiserIndexView(generic.IndexView):
    def get_base_queryset(self):
        # One query for the whole page, however many advertisers it lists.
        return (
            super()
            .get_base_queryset()
            .select_related("sector")
            .annotate(user_count=Count("users", distinct=True))
        )


class AdvertiserViewSet(ModelViewSet):
    model = Advertiser
    name = "advertisers"
    icon = "group"
    menu_label = _("Advertisers")
    menu_order = 100
    index_view_class = AdvertiserIndexView
    copy_view_enabled = False
    ordering = "name"
    list_per_page = 50
    list_display = [
        "name",
        "sector",
        "ifu",
        "phone",
        NumberColumn("user_count", label=_("Users"), sort_key="user_count"),
    ]
    list_filter = ["sector"]
    list_export = ["name", "sector", "ifu", "rccm", "phone", "address", "user_count"]
    export_headings = {"user_count": _("Users")}
    search_fields = ["name", "ifu", "rccm"]
    search_backend_name = None
    form_fields = ["name", "sector", "ifu", "rccm", "address", "phone"]


class BusinessSectorIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(advertiser_count=Count("advertisers"))


class BusinessSectorViewSet(ModelViewSet):
    model = BusinessSector
    name = "business_sectors"
    icon = "tag"
    menu_label = _("Business sectors")
    menu_order = 200
    index_view_class = BusinessSectorIndexView
    copy_view_enabled = False
    ordering = "name"
    list_per_page = 50
    list_display = [
        "name",
        BooleanColumn("requires_authorization", label=_("Subject to authorisation")),
        BooleanColumn("is_active", label=_("Active")),
        NumberColumn("advertiser_count", label=_("Advertisers"), sort_key="advertiser_count"),
    ]
    list_filter = ["requires_authorization", "is_active"]
    search_fields = ["name"]
    search_backend_name = None
    form_fields = ["name", "slug", "requires_authorization", "is_active"]


class ClientsViewSetGroup(ViewSetGroup):
    menu_label = _("Clients")
    menu_icon = "group"
    menu_order = 250
    items = (AdvertiserViewSet, BusinessSectorViewSet)
