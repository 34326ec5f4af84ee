"""The make-goods to accept (“Rattrapages”): a missed airing's replacement,
offered in the same or a better band, kept (accepted) or moved.

`broadcast_make_goods:index` (/admin/broadcasting/make-goods/) is the page the
administrators' notifications link to."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from ..models import Airing, AiringStatus
from ..selectors import admin as selectors
from ..services import airings as airing_services
from .airings import AiringFormView, airing_summary
from .common import (
    DiffusionIndexView,
    ReadOnlyViewSet,
    airing_break_url,
    band_column,
    campaign_placement_url,
)
from .forms import ConfirmForm

_local = selectors.local_time


class MakeGoodFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: selectors.broadcast_campaigns()
    )

    class Meta:
        model = Airing
        fields = []


class MakeGoodIndexView(DiffusionIndexView):
    # The listing's rows are airings, but the page is the make-goods'.
    page_title = _("Make-goods")

    def get_base_queryset(self):
        return selectors.make_goods_to_accept()

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "campaign",
                label=_("Campaign"),
                accessor=lambda a: a.campaign.title,
                get_url=lambda a: campaign_placement_url(a.campaign_id),
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
                get_url=airing_break_url,
                sort_key="break_slot__starts_at",
            ),
            band_column(sort_key="band_code"),
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


class AcceptMakeGoodView(AiringFormView):
    page_title = _("Accept the make-good")
    intro = _("The make-good stays in the break offered. To offer another break, move it instead.")
    submit_label = _("Accept")
    form_class = ConfirmForm
    header_icon = "check"

    def get_queryset(self):
        return super().get_queryset().filter(make_good_of__isnull=False)

    def index_label(self) -> str:
        return str(MakeGoodIndexView.page_title)

    def summary(self):
        missed = self.object.make_good_of
        return [
            *airing_summary(self.object),
            (gettext("Missed airing"), selectors.break_label(missed.break_slot, fill=False)),
            (gettext("Reason missed"), missed.missed_reason or "—"),
        ]

    def back_url(self):
        return reverse("broadcast_make_goods:index")

    def act(self, form):
        airing_services.accept_make_good(airing=self.object, actor=self.request.user)
        return gettext("Make-good accepted: %(break)s.") % {"break": self.object.break_slot}


class MakeGoodViewSet(ReadOnlyViewSet):
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
            path("<int:pk>/accept/", self.construct_view(AcceptMakeGoodView), name="accept"),
        ]
