"""The dated ad breaks: their listing (with the fill of each), a break and its
running order, an exceptional break added for one day, a break cancelled."""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from core import clock as broadcast_day

from ..models import Break, BreakStatus
from ..selectors import admin as selectors
from ..selectors.bands import band_name
from ..services import inventory
from .common import (
    AdminFormView,
    AdminView,
    DefaultDaysFilterSet,
    DiffusionIndexView,
    ReadOnlyViewSet,
    airing_actions,
    band_column,
    break_url,
    is_open_break,
)
from .forms import ExceptionalBreakForm, ReasonForm

_local = selectors.local_time


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


class BreakFilterSet(DefaultDaysFilterSet):
    day = django_filters.DateFromToRangeFilter(
        label=_("Broadcast days"), widget=DateRangePickerWidget
    )
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BreakStatus.choices)

    class Meta:
        model = Break
        fields = []


def _break_url(brk) -> str:
    return break_url(brk.pk)


def _break_status(brk) -> str:
    status = str(brk.get_status_display())
    if brk.is_exceptional:
        status = f"{status} · {gettext('exceptional')}"
    return status


class BreakIndexView(DiffusionIndexView):
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
            band_column(sort_key="band_code"),
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
        if self.user_has_permission("change") and is_open_break(instance):
            buttons.append(
                ButtonMenuItem(
                    _("Cancel the break"),
                    url=reverse("broadcast_breaks:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=20,
                )
            )
        return buttons


class BreakDetailView(AdminView, TemplateView):
    """A break and its running order (cancelled airings last), with the actions
    an administrator may take on each airing."""

    template_name = "broadcasting/admin/break_detail.html"
    page_title = _("Ad break")
    permission_required = "view"
    object_model = Break
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            try:
                self.object = selectors.break_with_running_order(kwargs["pk"])
            except Break.DoesNotExist as exc:
                raise Http404 from exc
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        if self.user_has_permission("change") and is_open_break(self.object):
            return [
                HeaderButton(
                    gettext("Cancel the break"),
                    url=reverse("broadcast_breaks:cancel", args=[self.object.pk]),
                    icon_name="cross",
                )
            ]
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        brk = self.object
        future = selectors.is_future(brk)
        context.update(
            brk=brk,
            rows=[
                {"airing": airing, "actions": airing_actions(airing, future=future)}
                for airing in brk.running_order
            ],
            future=future,
            percent=selectors.fill_percent(brk.booked_seconds, brk.capacity),
            over=brk.booked_seconds > brk.capacity,
            local_time=selectors.local_time(brk.starts_at),
        )
        return context


class ExceptionalBreakView(AdminFormView):
    page_title = _("Add an exceptional break")
    intro = _("A break outside the grid, for one day only (a special programme, a match).")
    submit_label = _("Add the break")
    form_class = ExceptionalBreakForm
    permission_required = "add"
    header_icon = "plus"

    def get_initial(self):
        return {"day": broadcast_day.today()}

    def act(self, form):
        data = form.cleaned_data
        self.created = inventory.add_exceptional_break(
            day=data["day"],
            time=data["time"],
            band_code=data["band_code"],
            capacity=data["capacity"],
            label=data["label"],
            actor=self.request.user,
        )
        return gettext("Exceptional break added: %(break)s.") % {"break": self.created}

    def get_success_url(self):
        return break_url(self.created.pk)


class CancelBreakView(AdminFormView):
    page_title = _("Cancel the break")
    intro = _(
        "The break is cancelled: its planned airings are taken out and go to the unplaced "
        "list, and the advertisers are notified."
    )
    submit_label = _("Yes, cancel the break")
    danger = True
    form_class = ReasonForm
    object_model = Break
    header_icon = "cross"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "reason_label": gettext("Reason for the cancellation"),
        }

    def summary(self):
        brk = self.object
        return [
            (gettext("Break"), str(brk)),
            (gettext("Time band"), band_name(brk.band_code)),
            (gettext("Booked"), f"{brk.booked_seconds}/{brk.capacity} s"),
        ]

    def back_url(self):
        return break_url(self.object.pk)

    def act(self, form):
        count = inventory.cancel_break(
            brk=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return ngettext(
            "Break cancelled: %(count)s airing went to the unplaced list.",
            "Break cancelled: %(count)s airings went to the unplaced list.",
            count,
        ) % {"count": count}


class BreakViewSet(ReadOnlyViewSet):
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
            path("<int:pk>/", self.construct_view(BreakDetailView), name="inspect"),
            path("<int:pk>/cancel/", self.construct_view(CancelBreakView), name="cancel"),
            path(
                "exceptional/",
                self.construct_view(ExceptionalBreakView),
                name="add_exceptional",
            ),
        ]
