"""The "Clients" menu of the Wagtail admin: advertisers (the client companies)
and business sectors."""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.tabular import SafeSpreadsheetExportMixin

from ..forms.admin import AdvertiserAdminForm
from ..models import Advertiser, BusinessSector
from .categories import AdvertiserCategoryView, category_url


class CategoryColumn(Column):
    """The category, with a pending request flagged, linking to the page where
    the commercial team sets or confirms it."""

    cell_template_name = "accounts/admin/category_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(url=category_url(instance), advertiser=instance)
        return context


class AdvertiserIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
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
        CategoryColumn("category", label=_("Category"), sort_key="category"),
        NumberColumn("user_count", label=_("Users"), sort_key="user_count"),
    ]
    list_filter = ["sector", "category", "requested_category"]
    list_export = ["name", "sector", "ifu", "rccm", "phone", "address", "category", "user_count"]
    export_headings = {"user_count": _("Users"), "category": _("Category")}
    search_fields = ["name", "ifu", "rccm"]
    search_backend_name = None
    form_fields = ["name", "sector", "ifu", "rccm", "address", "phone"]
    # The company, then its billing terms (the "Facturation" panel).
    edit_handler = ObjectList(
        [
            *(FieldPanel(name) for name in form_fields),
            MultiFieldPanel(
                [FieldPanel(name) for name in AdvertiserAdminForm.BILLING_FIELDS],
                heading=_("Billing"),
            ),
        ],
        base_form_class=AdvertiserAdminForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "category/<int:pk>/",
                self.construct_view(AdvertiserCategoryView),
                name="category",
            ),
        ]


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
