"""Quote requests in the Wagtail admin: what visitors ask about an offer of the
rate page, read by the commercial team and marked handled."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.admin.url_finders import object_page_finder
from core.tabular import SafeSpreadsheetExportMixin

from .. import services
from ..models import QuoteRequest
from .common import ObjectAdminView


class QuoteRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come from the public site: the team may only read them and mark
    them handled ("change"); nobody adds or deletes them here."""

    ACTIONS = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a in self.ACTIONS])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.ACTIONS])


def _offer_label(request: QuoteRequest) -> str:
    return request.offer_name or (request.offer.name if request.offer_id else "—")


def _mark_handled_url(request: QuoteRequest) -> str:
    return reverse("quote_requests:mark_handled", args=[quote(request.pk)])


class QuoteRequestIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer", "handled_by")

    @cached_property
    def columns(self):
        return [
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("reference", label=_("Reference"), accessor="reference"),
            Column("offer", label=_("Offer"), accessor=_offer_label, sort_key="offer_name"),
            self._get_title_column("name"),
            Column("company", label=_("Company"), sort_key="company"),
            Column("email", label=_("E-mail")),
            Column("phone", label=_("Phone")),
            Column(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == QuoteRequest.Status.NEW and self.user_has_permission("change"):
            buttons.append(
                ButtonMenuItem(
                    _("Mark as handled"),
                    url=_mark_handled_url(instance),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class QuoteRequestInspectView(generic.InspectView):
    def get_user_display_value(self):
        return self.object.user or "—"

    def get_handled_by_display_value(self):
        return self.object.handled_by or "—"

    def get_handled_at_display_value(self):
        handled_at = self.object.handled_at
        return date_format(timezone.localtime(handled_at), "DATETIME_FORMAT") if handled_at else "—"

    def get_offer_name_display_value(self):
        return _offer_label(self.object)

    @cached_property
    def header_buttons(self):
        if self.object.status == QuoteRequest.Status.NEW and self.user_has_permission("change"):
            return [
                HeaderButton(
                    _("Mark as handled"), url=_mark_handled_url(self.object), icon_name="check"
                )
            ]
        return []


class QuoteRequestViewSet(ModelViewSet):
    model = QuoteRequest
    name = "quote_requests"
    url_prefix = "quote-requests"
    icon = "mail"
    menu_label = _("Quote requests")
    menu_order = 200
    index_view_class = QuoteRequestIndexView
    inspect_view_class = QuoteRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_filter = ["status"]
    search_fields = ["name", "company", "email", "offer_name"]
    search_backend_name = None
    list_export = [
        "reference",
        "created_at",
        "offer_name",
        "name",
        "company",
        "email",
        "phone",
        "message",
        "status",
        "handled_at",
        "handled_by",
    ]
    inspect_view_fields = [
        "created_at",
        "offer_name",
        "name",
        "company",
        "email",
        "phone",
        "message",
        "user",
        "status",
        "handled_at",
        "handled_by",
    ]
    form_fields = []  # never edited: no add or edit view is routed

    @property
    def permission_policy(self):
        return QuoteRequestPermissionPolicy(self.model)

    @property
    def url_finder_class(self):
        # No edit view: usage pages (the user who sent it) link to its page.
        return object_page_finder(self.get_url_name("inspect"), self.permission_policy)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # No add, edit, delete or history views: no links to them either.
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    @property
    def mark_handled_view(self):
        return self.construct_view(MarkQuoteRequestHandledView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("handled/<int:pk>/", self.mark_handled_view, name="mark_handled"),
        ]


# --- Mark as handled -----------------------------------------------------------------


class MarkQuoteRequestHandledView(ObjectAdminView, TemplateView):
    """Confirm (GET) then record (POST) that the signed-in user handled a request."""

    model = QuoteRequest
    permission_required = "change"
    template_name = "simulator/admin/mark_quote_request_handled.html"
    page_title = _("Mark as handled")
    header_icon = "check"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            quote_request=self.object,
            action_url=self.request.path,
            cancel_url=reverse(self.index_url_name),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.mark_quote_request_handled(quote_request=self.object, user=request.user)
        except services.SimulatorError as error:
            messages.warning(request, str(error))
        else:
            messages.success(
                request,
                _("The quote request %(reference)s is marked as handled.")
                % {"reference": self.object.reference},
            )
        return redirect(self.index_url_name)
