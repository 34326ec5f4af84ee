"""The airings: their listing around today, and what an administrator may do
with one (move or remove a planned airing, undo a confirmation after the
broadcaster's undo window)."""

from __future__ import annotations

import django_filters
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from ..models import Airing, AiringStatus
from ..selectors import admin as selectors
from ..selectors.bands import band_name
from ..services import airings as airing_services
from ..services import placement
from .common import (
    AdminFormView,
    ChooseBreakMixin,
    DefaultDaysFilterSet,
    DiffusionIndexView,
    ReadOnlyViewSet,
    airing_actions,
    airing_break_url,
    band_column,
    break_url,
    campaign_placement_url,
)
from .forms import ReasonForm

_local = selectors.local_time


class AiringFilterSet(DefaultDaysFilterSet):
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


def _confirmed(airing) -> str:
    if not airing.confirmed_at:
        return "—"
    who = airing.confirmed_by or "—"
    return f"{_local(airing.confirmed_at)} · {who}"


class AiringIndexView(DiffusionIndexView):
    def get_base_queryset(self):
        return selectors.airings_listing()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "break_slot",
                label=_("Break"),
                accessor=lambda a: f"{_local(a.break_slot.starts_at)} · {a.break_slot.label}",
                get_url=airing_break_url,
                sort_key="break_slot__starts_at",
            ),
            NumberColumn("position", label=_("Position")),
            Column("campaign", label=_("Campaign"), accessor=lambda a: a.campaign.title),
            Column("advertiser", label=_("Advertiser")),
            band_column(sort_key="band_code"),
            NumberColumn("length", label=_("Length (s)")),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("confirmed", label=_("Confirmed"), accessor=_confirmed),
        ]

    def get_list_more_buttons(self, instance):
        future = instance.break_slot.starts_at > timezone.now()
        actions = airing_actions(instance, future=future)
        buttons = [
            ButtonMenuItem(label, url=url, icon_name=icon, priority=10 * (i + 1))
            for i, (label, url, icon) in enumerate(actions)
        ]
        buttons.append(
            ButtonMenuItem(
                _("Placement"),
                url=campaign_placement_url(instance.campaign_id),
                icon_name="calendar",
                priority=10 * (len(actions) + 1),
            )
        )
        return buttons


def airing_summary(airing: Airing) -> list[tuple[str, str]]:
    return [
        (gettext("Campaign"), airing.campaign.title),
        (gettext("Advertiser"), str(airing.advertiser)),
        (gettext("Break"), selectors.break_label(airing.break_slot)),
        (gettext("Time band"), band_name(airing.band_code)),
        (gettext("Position"), str(airing.position)),
        (gettext("Length"), f"{airing.length} s"),
        (gettext("Status"), str(airing.get_status_display())),
    ]


class AiringFormView(AdminFormView):
    """An action on one airing (also the make-goods')."""

    object_model = Airing

    def get_queryset(self):
        return Airing.objects.select_related(
            "break_slot", "campaign", "advertiser", "make_good_of__break_slot"
        )

    def back_url(self):
        return break_url(self.object.break_slot_id)

    def summary(self):
        return airing_summary(self.object)


class MoveAiringView(ChooseBreakMixin, AiringFormView):
    page_title = _("Move the airing")
    intro = _(
        "Choose another future break in the campaign's bands and dates. The same rules as "
        "the scheduler apply; the advertiser is notified."
    )
    submit_label = _("Move")
    header_icon = "arrow-right"

    def campaign(self):
        return self.object.campaign

    def current_break_id(self):
        return self.object.break_slot_id

    def act(self, form):
        airing = placement.move_airing(
            airing=self.object,
            to_break=form.cleaned_data["target"],
            actor=self.request.user,
            override_capacity=form.cleaned_data["override_capacity"],
        )
        self.object = airing
        return gettext("Airing moved to %(break)s.") % {"break": airing.break_slot}

    def get_success_url(self):
        return break_url(self.object.break_slot_id)


class RemoveAiringView(AiringFormView):
    page_title = _("Remove the airing")
    intro = _(
        "The airing is taken out of its break and goes to the unplaced list; the "
        "advertiser is notified."
    )
    submit_label = _("Yes, remove it")
    danger = True
    form_class = ReasonForm
    header_icon = "bin"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_label": gettext("Reason for the removal")}

    def act(self, form):
        placement.remove_airing(
            airing=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("Airing removed: it is on the unplaced list.")


class UndoConfirmationView(AiringFormView):
    page_title = _("Undo the confirmation")
    intro = _(
        "The airing goes back to planned. After the broadcaster's undo window only an "
        "administrator may do this, with a reason kept in the journal."
    )
    submit_label = _("Yes, undo")
    danger = True
    form_class = ReasonForm
    header_icon = "undo"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_label": gettext("Reason for undoing")}

    def act(self, form):
        airing_services.undo_confirmation(
            airing=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("Confirmation undone: the airing is planned again.")


class AiringViewSet(ReadOnlyViewSet):
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
            path("<int:pk>/move/", self.construct_view(MoveAiringView), name="move"),
            path("<int:pk>/remove/", self.construct_view(RemoveAiringView), name="remove"),
            path("<int:pk>/undo/", self.construct_view(UndoConfirmationView), name="undo"),
        ]
