"""The journal of every running-order change (placed, moved, removed, aired,
released…), filtered by action, campaign, author and date, and its listing
export (CSV/XLSX) whose every cell is made formula-safe."""

from __future__ import annotations

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from core.tabular import SafeSpreadsheetExportMixin

from ..models import AiringEvent
from ..selectors import admin as selectors
from .common import ReadOnlyViewSet, campaign_placement_url

_local = selectors.local_time


class JournalFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AiringEvent.Action.choices)
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: selectors.broadcast_campaigns()
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("By"), queryset=lambda request: selectors.staff_actors()
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Date"), field_name="created_at__date", widget=DateRangePickerWidget
    )

    class Meta:
        model = AiringEvent
        fields = []


def _event_airing(event) -> str:
    if event.airing is None:
        return "—"
    return _local(event.airing.break_slot.starts_at)


def _event_details(event) -> str:
    data = event.data or {}
    if not isinstance(data, dict):
        return str(data)
    return ", ".join(f"{key}: {value}" for key, value in sorted(data.items())) or "—"


class JournalIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.journal()

    @cached_property
    def columns(self):
        return [
            Column("created_at", label=_("At"), accessor=lambda e: _local(e.created_at)),
            Column("action", label=_("Action"), accessor="get_action_display", sort_key="action"),
            TitleColumn(
                "campaign",
                label=_("Campaign"),
                accessor=lambda e: e.campaign.title,
                get_url=lambda e: campaign_placement_url(e.campaign_id),
            ),
            Column("airing", label=_("Break of the airing"), accessor=_event_airing),
            Column("actor", label=_("By"), accessor=lambda e: e.actor or _("system")),
            Column("note", label=_("Note"), accessor=lambda e: e.note or "—"),
            Column("data", label=_("Details"), accessor=_event_details),
        ]


class JournalViewSet(ReadOnlyViewSet):
    model = AiringEvent
    name = "broadcast_journal"
    url_prefix = "broadcasting/journal"
    icon = "list-ul"
    menu_label = _("Journal")
    menu_order = 600
    index_view_class = JournalIndexView
    filterset_class = JournalFilterSet
    ordering = ["-created_at", "-pk"]
    policy_actions = ("view",)
    list_export = [
        "created_at",
        "action",
        "campaign",
        "airing_break_at",
        "actor",
        "note",
        "data",
    ]
    export_headings = {"airing_break_at": _("Break of the airing")}
    export_filename = "journal-diffusion"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
