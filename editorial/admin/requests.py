"""The coverage requests of the "Rédaction" menu: the listing (filters by
status, urgency and event date) and a request's desk page (every field,
attachments, timeline, mission and crew, delivery). `RequestViewSet` also
registers the actions of `triage`, `missions` and `delivery`.

URL names used elsewhere: `editorial_requests:inspect` is a request's desk
page (/admin/editorial/requests/<pk>/)."""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from ..labels import urgency_label
from ..models import CoverageRequest, CoverageStatus, CrewRole, MissionStatus, Urgency
from ..notices import requester_url
from ..selectors import desk as selectors
from ..services import desk as desk_services
from . import delivery, missions, triage
from .common import DeskView, action_url, proposals, request_actions, request_url, when
from .forms import AssignForm, DeliveryForm
from .policies import DeskViewSet

# --- The listing ---------------------------------------------------------------------


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CoverageStatus.choices)
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Urgency.choices)
    event_date = django_filters.DateFromToRangeFilter(
        label=_("Event date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = CoverageRequest
        fields = []


def _request_url(coverage) -> str:
    return request_url(coverage.pk)


class RequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.requests_listing()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "reference", label=_("Reference"), get_url=_request_url, sort_key="reference"
            ),
            Column("event_title", label=_("Event"), sort_key="event_title"),
            Column("event_date", label=_("When"), accessor=when, sort_key="event_date"),
            Column("urgency", label=_("Urgency"), accessor=lambda r: urgency_label(r.urgency)),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("crew_count", label=_("Crew")),
            Column("contact_name", label=_("Contact")),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return [
            ButtonMenuItem(label, url=url, icon_name=icon, priority=10 * (i + 1))
            for i, (label, url, icon) in enumerate(request_actions(instance))
        ]


# --- The request's desk page ---------------------------------------------------------


def _timeline(coverage) -> list[dict]:
    labels = dict(CoverageStatus.choices)
    return [
        {
            "event": event,
            "moved": event.from_status != event.to_status,
            "from": labels.get(event.from_status, event.from_status or "—"),
            "to": labels.get(event.to_status, event.to_status),
        }
        for event in coverage.events.all()
    ]


class RequestDeskView(DeskView, TemplateView):
    template_name = "editorial/admin/request.html"
    permission_required = "view"
    page_title = _("Coverage request")

    def get_queryset(self):
        return CoverageRequest.objects.all()

    def load_object(self):
        try:
            return selectors.request_for_desk(self.kwargs["pk"])
        except CoverageRequest.DoesNotExist:
            raise Http404 from None

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(label, url=url, icon_name=icon)
            for label, url, icon in request_actions(self.object)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coverage = self.object
        mission = getattr(coverage, "mission", None)
        crew = selectors.mission_crew(mission) if mission else []
        now = timezone.now()
        open_mission = (
            mission is not None
            and mission.status == MissionStatus.PLANNED
            and coverage.status == CoverageStatus.ACCEPTED
        )
        assign_form = AssignForm(mission=mission) if open_mission else None
        context.update(
            coverage=coverage,
            mission=mission,
            open_mission=open_mission,
            crew=[
                {
                    "assignment": a,
                    "overdue": selectors.is_overdue(a, now),
                    "last_sms": next(iter(a.sms_messages.all()), None),
                    "unassign_url": action_url("unassign", coverage.pk, a.pk),
                }
                for a in crew
            ],
            has_journalist=any(a.role == CrewRole.JOURNALIST for a in crew),
            to_notify=[a for a in crew if a.notified_at is None],
            assign_form=assign_form,
            proposals=proposals(assign_form) if assign_form else [],
            delivery_form=DeliveryForm()
            if desk_services.allowed("deliver", coverage.status)
            else None,
            attachments=list(coverage.attachments.all()),
            deliveries=list(coverage.deliveries.all()),
            events=_timeline(coverage),
            actions=request_actions(coverage),
            requester_url=requester_url(coverage),
        )
        return context


# --- The viewset ---------------------------------------------------------------------


class RequestViewSet(DeskViewSet):
    model = CoverageRequest
    name = "editorial_requests"
    url_prefix = "editorial/requests"
    icon = "doc-full"
    menu_label = _("Coverage requests")
    menu_order = 200
    index_view_class = RequestIndexView
    filterset_class = RequestFilterSet
    ordering = ["-created_at", "-pk"]
    search_fields = ["reference", "event_title", "contact_name", "contact_email", "address"]
    form_fields = []
    policy_actions = ("change", "view")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def register_admin_url_finder(self):
        pass

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", view(RequestDeskView), name="inspect"),
            path("<int:pk>/review/", view(triage.StartReviewView), name="review"),
            path("<int:pk>/accept/", view(triage.AcceptView), name="accept"),
            path("<int:pk>/refuse/", view(triage.RefuseView), name="refuse"),
            path("<int:pk>/ask/", view(triage.AskDetailsView), name="ask"),
            path("<int:pk>/deliver/", view(delivery.DeliveryView), name="deliver"),
            path("<int:pk>/covered/", view(delivery.MarkCoveredView), name="covered"),
            path("<int:pk>/close/", view(delivery.CloseView), name="close"),
            path("<int:pk>/mission/", view(missions.MissionEditView), name="mission"),
            path("<int:pk>/assign/", view(missions.AssignView), name="assign"),
            path(
                "<int:pk>/unassign/<int:assignment_pk>/",
                view(missions.UnassignView),
                name="unassign",
            ),
            path("<int:pk>/notify/", view(missions.NotifyCrewView), name="notify"),
            path("<int:pk>/sheet.pdf", view(missions.MissionSheetView), name="sheet"),
        ]
