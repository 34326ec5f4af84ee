"""The unplaced list (what the scheduler could not place, with the reason):
place an item by hand or give it up, a campaign's placement (re-run the
scheduler, set its priority), place the approved campaigns waiting.

`broadcast_unplaced:index` (/admin/broadcasting/unplaced/) is the page the
administrators' notifications link to."""

from __future__ import annotations

import django_filters
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.log_actions import registry as log_registry

from campaigns.models import Campaign
from core.errors import add_domain_errors

from ..exceptions import BroadcastError
from ..models import UnplacedItem, UnplacedReason
from ..selectors import admin as selectors
from ..selectors.bands import band_name
from ..services import placement, placement_admin
from .common import (
    AdminFormView,
    AdminView,
    ChooseBreakMixin,
    DiffusionIndexView,
    ReadOnlyViewSet,
    band_column,
    campaign_placement_url,
)
from .forms import ConfirmForm, PriorityForm, ReleaseForm

_local = selectors.local_time

LOG_PRIORITY = placement_admin.LOG_PRIORITY


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
    return campaign_placement_url(item.campaign_id)


def _source_break(item) -> str:
    airing = item.source_airing
    if airing is None:
        return "—"
    return _local(airing.break_slot.starts_at)


class UnplacedIndexView(DiffusionIndexView):
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
            band_column(sort_key="band_code"),
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


# --- One item of the list -------------------------------------------------------------


class _UnplacedView(AdminFormView):
    object_model = UnplacedItem

    def get_queryset(self):
        return UnplacedItem.objects.select_related("campaign", "campaign__advertiser")

    def summary(self):
        item = self.object
        return [
            (gettext("Campaign"), item.campaign.title),
            (gettext("Advertiser"), str(item.campaign.advertiser)),
            (gettext("Time band"), band_name(item.band_code)),
            (gettext("Reason"), str(item.get_reason_display())),
        ]


class PlaceUnplacedView(ChooseBreakMixin, _UnplacedView):
    page_title = _("Place by hand")
    intro = _(
        "Choose a future break in the campaign's bands and dates. The scheduler's rules are "
        "checked; only the capacity may be exceeded, explicitly, and that is logged."
    )
    submit_label = _("Place")
    header_icon = "plus"

    def campaign(self):
        return self.object.campaign

    def act(self, form):
        airing = placement.place_unplaced(
            item=self.object,
            brk=form.cleaned_data["target"],
            actor=self.request.user,
            override_capacity=form.cleaned_data["override_capacity"],
        )
        return gettext("Airing placed in %(break)s.") % {"break": airing.break_slot}


class ReleaseUnplacedView(_UnplacedView):
    page_title = _("Give up this airing")
    intro = _(
        "The airing is taken off the unplaced list without being placed: the campaign airs "
        "one time fewer. This is logged."
    )
    submit_label = _("Give it up")
    danger = True
    form_class = ReleaseForm
    header_icon = "cross"

    def act(self, form):
        placement.release_unplaced(
            item=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return gettext("The airing was given up.")


# --- A campaign's placement -----------------------------------------------------------


def _placement_message(campaign, result) -> str:
    return gettext("“%(title)s”: %(placed)s airings placed, %(unplaced)s on the unplaced list.") % {
        "title": campaign.title,
        "placed": result.placed,
        "unplaced": result.unplaced,
    }


class CampaignPlacementView(AdminView, TemplateView):
    """A campaign's placement: wanted/placed/waiting per band, its open items on
    the unplaced list, "Relancer le placement" and its priority."""

    template_name = "broadcasting/admin/campaign_placement.html"
    page_title = _("Campaign placement")
    permission_required = "view"
    object_model = Campaign
    header_icon = "calendar"

    def get_queryset(self):
        return Campaign.objects.select_related("advertiser")

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        context.update(
            campaign=campaign,
            rows=selectors.campaign_placement(campaign),
            items=list(
                selectors.open_unplaced().filter(campaign=campaign).order_by("created_at", "pk")
            ),
            priority_form=kwargs.get("priority_form")
            or PriorityForm(initial={"priority": campaign.priority}),
            priority_url=reverse("broadcast_unplaced:priority", args=[campaign.pk]),
            place_url=reverse("broadcast_unplaced:place_campaign", args=[campaign.pk]),
            can_place=campaign.status in placement.PLACEABLE,
            airings_url=reverse("broadcast_airings:index")
            + f"?campaign={campaign.pk}&day_from=&day_to=",
            journal_url=reverse("broadcast_journal:index") + f"?campaign={campaign.pk}",
            priority_log=list(
                log_registry.get_logs_for_instance(campaign)
                .filter(action=LOG_PRIORITY)
                .select_related("user")
                .order_by("-timestamp")[:10]
            ),
        )
        return context


class PlaceCampaignView(AdminView, View):
    """POST only: re-run the scheduler for one campaign (place_campaign)."""

    http_method_names = ["post"]
    object_model = Campaign

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        campaign = self.object
        try:
            result = placement.place_campaign(campaign=campaign, actor=request.user)
        except BroadcastError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _placement_message(campaign, result))
        return redirect(campaign_placement_url(campaign.pk))


class SetPriorityView(CampaignPlacementView):
    """POST only: the campaign's priority (−10…10), logged in Wagtail's history."""

    http_method_names = ["post"]
    permission_required = "change"

    def post(self, request, *args, **kwargs):
        form = PriorityForm(request.POST)
        if form.is_valid():
            try:
                placement_admin.set_priority(
                    campaign=self.object,
                    priority=form.cleaned_data["priority"],
                    actor=request.user,
                )
            except BroadcastError as error:
                add_domain_errors(form, error, summary=True)
            else:
                messages.success(
                    request,
                    gettext("Priority of “%(title)s” set to %(priority)s.")
                    % {"title": self.object.title, "priority": self.object.priority},
                )
                return redirect(campaign_placement_url(self.object.pk))
        context = self.get_context_data(priority_form=form)
        return self.render_to_response(context)


class PlacePendingView(AdminFormView):
    """“Placer les campagnes en attente”: every approved campaign not scheduled
    yet, by priority then first approved (place_pending)."""

    page_title = _("Place the campaigns waiting")
    intro = _(
        "The scheduler places every approved campaign not scheduled yet, by priority, then "
        "first approved, first served."
    )
    submit_label = _("Place them")
    template_name = "broadcasting/admin/place_pending.html"
    form_class = ConfirmForm
    object_model = UnplacedItem

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = list(selectors.pending_campaigns()[:200])
        return context

    def act(self, form):
        done = placement.place_pending(actor=self.request.user)
        if not done:
            return gettext("No approved campaign was waiting.")
        for campaign, result in done:
            messages.info(self.request, _placement_message(campaign, result))
        return ngettext("%(count)s campaign placed.", "%(count)s campaigns placed.", len(done)) % {
            "count": len(done)
        }


class UnplacedViewSet(ReadOnlyViewSet):
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
        view = self.construct_view
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/place/", view(PlaceUnplacedView), name="place"),
            path("<int:pk>/release/", view(ReleaseUnplacedView), name="release"),
            path("campaign/<int:pk>/", view(CampaignPlacementView), name="campaign"),
            path("campaign/<int:pk>/place/", view(PlaceCampaignView), name="place_campaign"),
            path("campaign/<int:pk>/priority/", view(SetPriorityView), name="priority"),
            path("pending/", view(PlacePendingView), name="place_pending"),
        ]
