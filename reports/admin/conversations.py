"""`/admin/reports/messages/` (`reports_messages:index`): the service levels of
the conversations: first-response time of the period (median, mean) and the
open threads per kind (`reports.selectors.conversations`). Commercial
administrators only, like the other report screens."""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from conversations.admin.inbox import format_age

from ..period import resolve_period
from ..selectors.conversations import first_response, open_threads_per_kind
from .common import ReportScreenViewSet, reports_policy


class ConversationReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "view"
    template_name = "reports/admin/conversations.html"
    page_title = _("Reports: messages")
    header_icon = "mail"

    @cached_property
    def permission_policy(self):
        return reports_policy()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = resolve_period(self.request.GET)
        result = first_response(*period.bounds())
        kinds = open_threads_per_kind()
        context.update(
            period=period,
            first_response=result,
            median=format_age(result.median) if result.median is not None else "",
            mean=format_age(result.mean) if result.mean is not None else "",
            kinds=kinds,
            open_total=sum(row["total"] for row in kinds),
        )
        return context


class ConversationReportViewSet(ReportScreenViewSet):
    name = "reports_messages"
    url_prefix = "reports/messages"
    icon = "mail"
    menu_label = _("Messages")
    menu_name = "bf1-report-messages"
    menu_order = 40

    def get_urlpatterns(self):
        return [path("", ConversationReportView.as_view(), name="index")]
