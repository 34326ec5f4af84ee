"""What the action views of the "Tarifs" menu share: each acts on one object,
confirms on a GET page and acts on POST only; the permission policy of its
viewset decides who may open it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


class ObjectAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = None
    permission_policy = None
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    header_icon = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": str(self.object)},
        ]

    def get_page_subtitle(self):
        return str(self.object)
