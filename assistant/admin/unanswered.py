"""`/admin/assistant/unanswered/` ("Questions sans réponse utile"): the questions
the assistant could not answer or whose answer was judged unhelpful, grouped by
their analysed words (assistant.selectors.unanswered), the most asked first;
each with a button that opens a new FAQ entry pre-filled with the question.
Commercial administrators only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..selectors.unanswered import unanswered_groups
from .common import ReportMenuItem, is_report_staff

PER_PAGE = 50
MAX_GROUPS = 1000


class UnansweredView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "assistant/admin/unanswered.html"
    page_title = _("Questions without a useful answer")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not is_report_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": str(self.get_page_title())}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(unanswered_groups(limit=MAX_GROUPS), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        add_url = reverse("assistant_faq:add")
        context.update(
            page_obj=page,
            rows=[
                {
                    "group": group,
                    "create_url": f"{add_url}?{urlencode({'question': group.example})}",
                }
                for group in page.object_list
            ],
        )
        return context


class UnansweredViewSet(ViewSet):
    name = "assistant_unanswered"
    url_prefix = "assistant/unanswered"
    icon = "help"
    menu_label = _("Questions without a useful answer")
    menu_name = "assistant-unanswered"
    menu_order = 300
    menu_item_class = ReportMenuItem

    def get_urlpatterns(self):
        return [path("", UnansweredView.as_view(), name="index")]

    @property
    def menu_url(self):
        return reverse(f"{self.name}:index")
