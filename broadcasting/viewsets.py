"""The "Diffusion" menu of the Wagtail admin (commercial administrators only):
the weekly break grid, the dated breaks, the airings, the unplaced list, the
make-goods to accept and the journal of every running-order change.

Listings read `broadcasting.selectors.admin` (one query for their rows); every
change is a view of `broadcasting.admin_views` calling a service. The grid is
edited with Wagtail's own create/edit/delete views (each change in its history).

URL names used elsewhere: `broadcast_unplaced:index` and
`broadcast_make_goods:index` are the pages the administrators' notifications
link to (/admin/broadcasting/unplaced/, /admin/broadcasting/make-goods/)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from core import clock as broadcast_day

from . import admin_views
from .admin_views import AdministratorPolicy
from .forms_admin import BreakGridSlotForm
from .models import (
    Airing,
    AiringEvent,
    AiringStatus,
    Break,
    BreakGridSlot,
    BreakStatus,
    UnplacedItem,
    UnplacedReason,
    Weekday,
)
from .selectors import admin as selectors

_local = selectors.local_time


class _DiffusionViewSet(ModelViewSet):
    """A screen of the menu: administrators only, no copy nor inspect view, not
    in Wagtail's reference index (the running order is written in bulk)."""

    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_per_page = 100
    policy_actions = ("add", "change", "delete", "view")

    @property
    def permission_policy(self):
        return AdministratorPolicy(self.model, actions=self.policy_actions)


class _ReadOnlyViewSet(_DiffusionViewSet):
    """A listing whose changes are the actions of `admin_views`, never a model form."""

    form_fields = []

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def register_admin_url_finder(self):
        pass  # no edit view to point at


class FillColumn(Column):
    """Booked seconds against the capacity, with a bar."""

    cell_template_name = "broadcasting/admin/fill_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            booked=instance.booked_seconds,
            capacity=instance.capacity,
            percent=selectors.fill_percent(instance.booked_seconds, instance.capacity),
            over=instance.booked_seconds > instance.capacity,
        )
        return context


class _DefaultDaysFilterSet(WagtailFilterSet):
    """A day-range filter that starts on today and the next `days_after` days
    (clearing both dates shows every day)."""

    days_field = "day"
    days_before = 0
    days_after = 7

    def __init__(self, data=None, *args, **kwargs):
        prefix = f"{self.days_field}_"
        if data is not None and not any(key.startswith(prefix) for key in data):
            data = data.copy()
            today = broadcast_day.today()
            data[f"{prefix}from"] = (today - dt.timedelta(days=self.days_before)).isoformat()
            data[f"{prefix}to"] = (today + dt.timedelta(days=self.days_after)).isoformat()
        super().__init__(data, *args, **kwargs)


class _IndexView(generic.IndexView):
    def title_column(self, name, **kwargs):
        """A title column carrying the row's buttons (`get_list_more_buttons`)."""
        return self._get_title_column_class(TitleColumn)(name, **kwargs)


# --- Grid ----------------------------------------------------------------------------


class BreakGridFilterSet(WagtailFilterSet):
    weekday = django_filters.ChoiceFilter(label=_("Day"), choices=Weekday.choices)
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)

    class Meta:
        model = BreakGridSlot
        fields = []


class _GridChangeHint:
    """After a grid change, say how to carry it to the dated breaks."""

    def _hint(self):
        messages.info(
            self.request,
            gettext(
                "The dated breaks are not changed yet: use “Apply the grid to the weeks ahead”."
            ),
            buttons=[messages.button(reverse("broadcast_grid:apply"), gettext("Apply the grid"))],
        )

    def get_success_url(self):
        self._hint()
        return super().get_success_url()


class BreakGridCreateView(_GridChangeHint, generic.CreateView):
    pass


class BreakGridEditView(_GridChangeHint, generic.EditView):
    pass


class BreakGridDeleteView(_GridChangeHint, generic.DeleteView):
    pass


class BreakGridIndexView(_IndexView):
    @cached_property
    def columns(self):
        return [
            self.title_column(
                "weekday",
                label=_("Day"),
                accessor="get_weekday_display",
                get_url=lambda slot: reverse("broadcast_grid:edit", args=[slot.pk]),
                sort_key="weekday",
            ),
            Column("time", label=_("Time"), accessor=lambda s: f"{s.time:%H:%M}", sort_key="time"),
            Column("label", label=_("Label")),
            Column("band_code", label=_("Time band"), sort_key="band_code"),
            NumberColumn("capacity", label=_("Capacity (s)")),
            BooleanColumn("is_active", label=_("Active")),
        ]

    def order_queryset(self, queryset):
        ordering = self.ordering
        if ordering in ("weekday", "-weekday"):
            return queryset.order_by(ordering, "time")
        return super().order_queryset(queryset)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Apply the grid to the weeks ahead"),
                    url=reverse("broadcast_grid:apply"),
                    icon_name="resubmit",
                )
            )
        return buttons


class BreakGridViewSet(_DiffusionViewSet):
    model = BreakGridSlot
    name = "broadcast_grid"
    url_prefix = "broadcasting/grid"
    icon = "table"
    menu_label = _("Break grid")
    menu_order = 100
    index_view_class = BreakGridIndexView
    add_view_class = BreakGridCreateView
    edit_view_class = BreakGridEditView
    delete_view_class = BreakGridDeleteView
    filterset_class = BreakGridFilterSet
    ordering = "weekday"

    def get_form_class(self, for_update=False):
        return BreakGridSlotForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("apply/", self.construct_view(admin_views.ApplyGridView), name="apply"),
        ]


# --- Breaks --------------------------------------------------------------------------


class BreakFilterSet(_DefaultDaysFilterSet):
    day = django_filters.DateFromToRangeFilter(
        label=_("Broadcast days"), widget=DateRangePickerWidget
    )
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BreakStatus.choices)

    class Meta:
        model = Break
        fields = []


def _break_url(brk) -> str:
    return admin_views.break_url(brk.pk)


def _break_status(brk) -> str:
    status = str(brk.get_status_display())
    if brk.is_exceptional:
        status = f"{status} · {gettext('exceptional')}"
    return status


class BreakIndexView(_IndexView):
    def get_base_queryset(self):
        return selectors.breaks_listing()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "starts_at",
                label=_("Time"),
                accessor=lambda b: _local(b.starts_at),
                get_url=_break_url,
                sort_key="starts_at",
            ),
            Column("label", label=_("Label")),
            Column("band_code", label=_("Time band"), sort_key="band_code"),
            FillColumn("fill", label=_("Booked / capacity"), sort_key="booked_seconds"),
            NumberColumn("airing_count", label=_("Airings"), sort_key="airing_count"),
            Column("status", label=_("Status"), accessor=_break_status, sort_key="status"),
        ]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Add an exceptional break"),
                    url=reverse("broadcast_breaks:add_exceptional"),
                    icon_name="plus",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = [
            ButtonMenuItem(_("Open"), url=_break_url(instance), icon_name="view", priority=10)
        ]
        if self.user_has_permission("change") and admin_views.is_open_break(instance):
            buttons.append(
                ButtonMenuItem(
                    _("Cancel the break"),
                    url=reverse("broadcast_breaks:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=20,
                )
            )
        return buttons


class BreakViewSet(_ReadOnlyViewSet):
    model = Break
    name = "broadcast_breaks"
    url_prefix = "broadcasting/breaks"
    icon = "time"
    menu_label = _("Ad breaks")
    menu_order = 200
    index_view_class = BreakIndexView
    filterset_class = BreakFilterSet
    ordering = "starts_at"
    policy_actions = ("add", "change", "view")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.construct_view(admin_views.BreakDetailView), name="inspect"),
            path(
                "<int:pk>/cancel/",
                self.construct_view(admin_views.CancelBreakView),
                name="cancel",
            ),
            path(
                "exceptional/",
                self.construct_view(admin_views.ExceptionalBreakView),
                name="add_exceptional",
            ),
        ]


# --- Airings -------------------------------------------------------------------------


class AiringFilterSet(_DefaultDaysFilterSet):
    days_field = "day"
    days_before = 7
    day = django_filters.DateFromToRangeFilter(
        label=_("Broadcast days"), field_name="break_slot__day", widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AiringStatus.choices)
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: selectors.broadcast_campaigns()
    )
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)

    class Meta:
        model = Airing
        fields = []


def _airing_break_url(airing) -> str:
    return admin_views.break_url(airing.break_slot_id)


def _confirmed(airing) -> str:
    if not airing.confirmed_at:
        return "—"
    who = airing.confirmed_by or "—"
    return f"{_local(airing.confirmed_at)} · {who}"


class AiringIndexView(_IndexView):
    def get_base_queryset(self):
        return selectors.airings_listing()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "break_slot",
                label=_("Break"),
                accessor=lambda a: f"{_local(a.break_slot.starts_at)} · {a.break_slot.label}",
                get_url=_airing_break_url,
                sort_key="break_slot__starts_at",
            ),
            NumberColumn("position", label=_("Position")),
            Column("campaign", label=_("Campaign"), accessor=lambda a: a.campaign.title),
            Column("advertiser", label=_("Advertiser")),
            Column("band_code", label=_("Time band")),
            NumberColumn("length", label=_("Length (s)")),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("confirmed", label=_("Confirmed"), accessor=_confirmed),
        ]

    def get_list_more_buttons(self, instance):
        future = instance.break_slot.starts_at > timezone.now()
        return [
            ButtonMenuItem(label, url=url, icon_name=icon, priority=10 * (i + 1))
            for i, (label, url, icon) in enumerate(
                admin_views.airing_actions(instance, future=future)
            )
        ]


class AiringViewSet(_ReadOnlyViewSet):
    model = Airing
    name = "broadcast_airings"
    url_prefix = "broadcasting/airings"
    icon = "media"
    menu_label = _("Airings")
    menu_order = 300
    index_view_class = AiringIndexView
    filterset_class = AiringFilterSet
    ordering = ["break_slot__starts_at", "position", "pk"]
    policy_actions = ("change", "view")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/move/", self.construct_view(admin_views.MoveAiringView), name="move"),
            path(
                "<int:pk>/remove/",
                self.construct_view(admin_views.RemoveAiringView),
                name="remove",
            ),
            path(
                "<int:pk>/undo/",
                self.construct_view(admin_views.UndoConfirmationView),
                name="undo",
            ),
        ]


# --- Unplaced list -------------------------------------------------------------------


class UnplacedFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: selectors.campaigns_with_open_items()
    )
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=UnplacedReason.choices)

    class Meta:
        model = UnplacedItem
        fields = []


def _campaign_placement_url(item) -> str:
    return admin_views.campaign_placement_url(item.campaign_id)


def _source_break(item) -> str:
    airing = item.source_airing
    if airing is None:
        return "—"
    return _local(airing.break_slot.starts_at)


class UnplacedIndexView(_IndexView):
    def get_base_queryset(self):
        return selectors.open_unplaced()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "campaign",
                label=_("Campaign"),
                accessor=lambda item: item.campaign.title,
                get_url=_campaign_placement_url,
                sort_key="campaign__title",
            ),
            Column("advertiser", label=_("Advertiser"), accessor="campaign.advertiser"),
            Column("band_code", label=_("Time band"), sort_key="band_code"),
            Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
            Column("source", label=_("Was in the break"), accessor=_source_break),
            DateColumn("created_at", label=_("Since"), sort_key="created_at"),
        ]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Place the campaigns waiting"),
                    url=reverse("broadcast_unplaced:place_pending"),
                    icon_name="resubmit",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        if not self.user_has_permission("change"):
            return []
        return [
            ButtonMenuItem(
                _("Place by hand"),
                url=reverse("broadcast_unplaced:place", args=[instance.pk]),
                icon_name="plus",
                priority=10,
            ),
            ButtonMenuItem(
                _("Give up"),
                url=reverse("broadcast_unplaced:release", args=[instance.pk]),
                icon_name="cross",
                priority=20,
            ),
            ButtonMenuItem(
                _("Campaign placement"),
                url=_campaign_placement_url(instance),
                icon_name="calendar",
                priority=30,
            ),
        ]


class UnplacedViewSet(_ReadOnlyViewSet):
    model = UnplacedItem
    name = "broadcast_unplaced"
    url_prefix = "broadcasting/unplaced"
    icon = "warning"
    menu_label = _("Unplaced")
    menu_order = 400
    index_view_class = UnplacedIndexView
    filterset_class = UnplacedFilterSet
    ordering = ["campaign__title", "campaign_id", "created_at", "pk"]
    policy_actions = ("change", "view")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "<int:pk>/place/",
                self.construct_view(admin_views.PlaceUnplacedView),
                name="place",
            ),
            path(
                "<int:pk>/release/",
                self.construct_view(admin_views.ReleaseUnplacedView),
                name="release",
            ),
            path(
                "campaign/<int:pk>/",
                self.construct_view(admin_views.CampaignPlacementView),
                name="campaign",
            ),
            path(
                "campaign/<int:pk>/place/",
                self.construct_view(admin_views.PlaceCampaignView),
                name="place_campaign",
            ),
            path(
                "campaign/<int:pk>/priority/",
                self.construct_view(admin_views.SetPriorityView),
                name="priority",
            ),
            path(
                "pending/",
                self.construct_view(admin_views.PlacePendingView),
                name="place_pending",
            ),
        ]


# --- Make-goods ----------------------------------------------------------------------


class MakeGoodFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: selectors.broadcast_campaigns()
    )

    class Meta:
        model = Airing
        fields = []


class MakeGoodIndexView(_IndexView):
    def get_base_queryset(self):
        return selectors.make_goods_to_accept()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "campaign",
                label=_("Campaign"),
                accessor=lambda a: a.campaign.title,
                get_url=lambda a: admin_views.campaign_placement_url(a.campaign_id),
            ),
            Column("advertiser", label=_("Advertiser")),
            Column(
                "missed",
                label=_("Missed airing"),
                accessor=lambda a: _local(a.make_good_of.break_slot.starts_at),
            ),
            Column(
                "missed_reason",
                label=_("Reason missed"),
                accessor=lambda a: a.make_good_of.missed_reason or "—",
            ),
            TitleColumn(
                "offered",
                label=_("Offered break"),
                accessor=lambda a: f"{_local(a.break_slot.starts_at)} · {a.break_slot.label}",
                get_url=_airing_break_url,
                sort_key="break_slot__starts_at",
            ),
            Column("band_code", label=_("Time band")),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]

    def get_list_more_buttons(self, instance):
        if not self.user_has_permission("change"):
            return []
        buttons = [
            ButtonMenuItem(
                _("Accept"),
                url=reverse("broadcast_make_goods:accept", args=[instance.pk]),
                icon_name="check",
                priority=10,
            )
        ]
        if (
            instance.status == AiringStatus.PLANNED
            and instance.break_slot.starts_at > timezone.now()
        ):
            buttons.append(
                ButtonMenuItem(
                    _("Move"),
                    url=reverse("broadcast_airings:move", args=[instance.pk]),
                    icon_name="arrow-right",
                    priority=20,
                )
            )
        return buttons


class MakeGoodViewSet(_ReadOnlyViewSet):
    model = Airing
    name = "broadcast_make_goods"
    url_prefix = "broadcasting/make-goods"
    icon = "redirect"
    menu_label = _("Make-goods")
    menu_order = 500
    index_view_class = MakeGoodIndexView
    filterset_class = MakeGoodFilterSet
    ordering = ["break_slot__starts_at", "pk"]
    policy_actions = ("change", "view")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "<int:pk>/accept/",
                self.construct_view(admin_views.AcceptMakeGoodView),
                name="accept",
            ),
        ]


# --- Journal -------------------------------------------------------------------------


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


class JournalIndexView(generic.IndexView):
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
                get_url=lambda e: admin_views.campaign_placement_url(e.campaign_id),
            ),
            Column("airing", label=_("Break of the airing"), accessor=_event_airing),
            Column("actor", label=_("By"), accessor=lambda e: e.actor or _("system")),
            Column("note", label=_("Note"), accessor=lambda e: e.note or "—"),
            Column("data", label=_("Details"), accessor=_event_details),
        ]


class JournalViewSet(_ReadOnlyViewSet):
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


class BroadcastingViewSetGroup(ViewSetGroup):
    menu_label = _("Broadcasting")
    menu_icon = "time"
    menu_order = 235
    items = (
        BreakGridViewSet,
        BreakViewSet,
        AiringViewSet,
        UnplacedViewSet,
        MakeGoodViewSet,
        JournalViewSet,
    )
