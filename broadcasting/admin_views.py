"""Admin views of the "Diffusion" menu that are not plain listings: apply the
grid, add or cancel a break, move/remove an airing, undo a confirmation, accept
a make-good, place or release an unplaced item, re-run a campaign's placement,
set its priority, place the campaigns waiting.

Each action shows its form on GET and acts on POST only, through
`broadcasting.services`; a `BroadcastError` is shown on the form (its French
message) and changes nothing. Who may open them: `AdministratorPolicy`, the
"Administrateur commercial" role with access to the admin (broadcasters work
from `/diffusion/`, never here)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import registry as log_registry
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import is_broadcast_staff
from accounts.roles import GROUP_NAMES, Role
from campaigns.models import Campaign
from core import clock as broadcast_day
from core.errors import add_domain_errors

from .exceptions import BroadcastError
from .forms_admin import (
    ApplyGridForm,
    BreakChoiceForm,
    ConfirmForm,
    DayForm,
    ExceptionalBreakForm,
    PriorityForm,
    ReasonForm,
    ReleaseForm,
)
from .models import Airing, AiringStatus, Break, BreakGridSlot, BroadcastSettings, UnplacedItem
from .selectors import admin as selectors
from .services import airings as airing_services
from .services import inventory, placement, placement_admin

# --- Who may open the "Diffusion" menu ------------------------------------------------


class AdministratorPolicy(BasePermissionPolicy):
    """Every allowed action to the administrator role, nothing to anyone else.

    The rights follow the role rather than Django model permissions: the
    running order is the commercial team's, whatever a group editor ticks."""

    def __init__(self, model, actions=("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_broadcast_staff(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions & set(actions)) and is_broadcast_staff(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions & set(actions):
            return users.none()
        admins = Q(is_superuser=True) | Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR])
        return users.filter(admins).distinct()


# --- URLs ----------------------------------------------------------------------------


def break_url(pk) -> str:
    return reverse("broadcast_breaks:inspect", args=[pk])


def campaign_placement_url(pk) -> str:
    return reverse("broadcast_unplaced:campaign", args=[pk])


# --- Base views ----------------------------------------------------------------------


class _AdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """An admin page of the menu: the permission checked first, then the object
    (so an unknown id is a 404 only to those who may open the page)."""

    model = None
    permission_policy = None
    permission_required = "change"
    header_icon = "time"
    index_url_name = None
    object_model = None  # the model of `pk` in the URL, when there is one

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def load_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_queryset(self):
        return self.object_model._default_manager.all()

    def index_url(self) -> str:
        return reverse(self.index_url_name) if self.index_url_name else ""

    def back_url(self) -> str:
        return self.index_url()

    def index_label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize() if self.model else ""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.index_url_name:
            items.append({"url": self.index_url(), "label": self.index_label()})
        items.append({"url": "", "label": str(self.get_page_title())})
        return items

    def get_page_subtitle(self):
        return str(self.object) if self.object is not None else ""


class _FormView(_AdminView, FormView):
    """A form page: `act(form)` calls the service; its `BroadcastError` goes on
    the form and nothing is changed."""

    template_name = "broadcasting/admin/form.html"
    intro = ""
    submit_label = gettext_lazy("Confirm")
    danger = False

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            return super().dispatch(request, *args, **kwargs)  # raises PermissionDenied
        if "pk" in kwargs:
            self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def get_intro(self):
        return self.intro

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) rows shown above the form."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            intro=self.get_intro(),
            summary=self.summary(),
            submit_label=self.submit_label,
            danger=self.danger,
            action_url=self.request.get_full_path(),
            cancel_url=self.back_url(),
        )
        return context

    def act(self, form):  # pragma: no cover - overridden
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.act(form)
        except BroadcastError as error:
            add_domain_errors(form, error, summary=True)
            return self.form_invalid(form)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.back_url()


# --- Grid ----------------------------------------------------------------------------


class ApplyGridView(_FormView):
    """“Appliquer la grille aux semaines à venir”: generate_breaks()."""

    page_title = gettext_lazy("Apply the grid to the weeks ahead")
    intro = gettext_lazy(
        "Creates the breaks of the grid that do not exist yet and carries grid changes to "
        "future breaks that hold no airing. Breaks with airings keep their time: move "
        "their airings by hand. Running it again changes nothing."
    )
    submit_label = gettext_lazy("Apply the grid")
    form_class = ApplyGridForm
    object_model = BreakGridSlot

    def get_initial(self):
        return {"weeks": BroadcastSettings.load().weeks_ahead}

    def act(self, form):
        result = inventory.generate_breaks(weeks=form.cleaned_data["weeks"])
        return (
            _("Grid applied: %(created)s breaks created, %(updated)s updated, %(removed)s removed.")
            % result
        )


# --- Breaks --------------------------------------------------------------------------


class ExceptionalBreakView(_FormView):
    page_title = gettext_lazy("Add an exceptional break")
    intro = gettext_lazy(
        "A break outside the grid, for one day only (a special programme, a match)."
    )
    submit_label = gettext_lazy("Add the break")
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
        return _("Exceptional break added: %(break)s.") % {"break": self.created}

    def get_success_url(self):
        return break_url(self.created.pk)


class CancelBreakView(_FormView):
    page_title = gettext_lazy("Cancel the break")
    intro = gettext_lazy(
        "The break is cancelled: its planned airings are taken out and go to the unplaced "
        "list, and the advertisers are notified."
    )
    submit_label = gettext_lazy("Yes, cancel the break")
    danger = True
    form_class = ReasonForm
    object_model = Break
    header_icon = "cross"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_label": _("Reason for the cancellation")}

    def summary(self):
        brk = self.object
        return [
            (_("Break"), str(brk)),
            (_("Time band"), brk.band_code),
            (_("Booked"), f"{brk.booked_seconds}/{brk.capacity} s"),
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


# --- Airings -------------------------------------------------------------------------


def _airing_summary(airing: Airing) -> list[tuple[str, str]]:
    return [
        (_("Campaign"), airing.campaign.title),
        (_("Advertiser"), str(airing.advertiser)),
        (_("Break"), selectors.break_label(airing.break_slot)),
        (_("Position"), str(airing.position)),
        (_("Length"), f"{airing.length} s"),
        (_("Status"), str(airing.get_status_display())),
    ]


class _AiringView(_FormView):
    object_model = Airing

    def get_queryset(self):
        return Airing.objects.select_related(
            "break_slot", "campaign", "advertiser", "make_good_of__break_slot"
        )

    def back_url(self):
        return break_url(self.object.break_slot_id)

    def summary(self):
        return _airing_summary(self.object)


class _ChooseBreakMixin:
    """A form choosing a target break among the candidate breaks of a campaign,
    narrowed to one day by `?day=`."""

    form_class = BreakChoiceForm
    template_name = "broadcasting/admin/choose_break.html"

    def campaign(self) -> Campaign:  # pragma: no cover - overridden
        raise NotImplementedError

    def current_break_id(self):
        return None

    @cached_property
    def day_form(self):
        return DayForm(self.request.GET or None)

    def chosen_day(self):
        if self.day_form.is_bound and self.day_form.is_valid():
            return self.day_form.cleaned_data["day"]
        return None

    @cached_property
    def candidates(self):
        return selectors.candidate_choices(
            self.campaign(), day=self.chosen_day(), exclude_break_id=self.current_break_id()
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": self.candidates}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            day_form=self.day_form,
            day_url=self.request.path,
            has_candidates=bool(self.candidates),
        )
        return context


class MoveAiringView(_ChooseBreakMixin, _AiringView):
    page_title = gettext_lazy("Move the airing")
    intro = gettext_lazy(
        "Choose another future break in the campaign's bands and dates. The same rules as "
        "the scheduler apply; the advertiser is notified."
    )
    submit_label = gettext_lazy("Move")
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
        return _("Airing moved to %(break)s.") % {"break": airing.break_slot}

    def get_success_url(self):
        return break_url(self.object.break_slot_id)


class RemoveAiringView(_AiringView):
    page_title = gettext_lazy("Remove the airing")
    intro = gettext_lazy(
        "The airing is taken out of its break and goes to the unplaced list; the "
        "advertiser is notified."
    )
    submit_label = gettext_lazy("Yes, remove it")
    danger = True
    form_class = ReasonForm
    header_icon = "bin"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_label": _("Reason for the removal")}

    def act(self, form):
        placement.remove_airing(
            airing=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Airing removed: it is on the unplaced list.")


class UndoConfirmationView(_AiringView):
    page_title = gettext_lazy("Undo the confirmation")
    intro = gettext_lazy(
        "The airing goes back to planned. After the broadcaster's undo window only an "
        "administrator may do this, with a reason kept in the journal."
    )
    submit_label = gettext_lazy("Yes, undo")
    danger = True
    form_class = ReasonForm
    header_icon = "undo"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_label": _("Reason for undoing")}

    def act(self, form):
        airing_services.undo_confirmation(
            airing=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Confirmation undone: the airing is planned again.")


class AcceptMakeGoodView(_AiringView):
    page_title = gettext_lazy("Accept the make-good")
    intro = gettext_lazy(
        "The make-good stays in the break offered. To offer another break, move it instead."
    )
    submit_label = gettext_lazy("Accept")
    form_class = ConfirmForm
    header_icon = "check"

    def get_queryset(self):
        return super().get_queryset().filter(make_good_of__isnull=False)

    def summary(self):
        missed = self.object.make_good_of
        return [
            *_airing_summary(self.object),
            (_("Missed airing"), selectors.break_label(missed.break_slot, fill=False)),
            (_("Reason missed"), missed.missed_reason or "—"),
        ]

    def back_url(self):
        return reverse("broadcast_make_goods:index")

    def act(self, form):
        airing_services.accept_make_good(airing=self.object, actor=self.request.user)
        return _("Make-good accepted: %(break)s.") % {"break": self.object.break_slot}


# --- Unplaced list -------------------------------------------------------------------


class _UnplacedView(_FormView):
    object_model = UnplacedItem

    def get_queryset(self):
        return UnplacedItem.objects.select_related("campaign", "campaign__advertiser")

    def summary(self):
        item = self.object
        return [
            (_("Campaign"), item.campaign.title),
            (_("Advertiser"), str(item.campaign.advertiser)),
            (_("Time band"), item.band_code),
            (_("Reason"), str(item.get_reason_display())),
        ]


class PlaceUnplacedView(_ChooseBreakMixin, _UnplacedView):
    page_title = gettext_lazy("Place by hand")
    intro = gettext_lazy(
        "Choose a future break in the campaign's bands and dates. The scheduler's rules are "
        "checked; only the capacity may be exceeded, explicitly, and that is logged."
    )
    submit_label = gettext_lazy("Place")
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
        return _("Airing placed in %(break)s.") % {"break": airing.break_slot}


class ReleaseUnplacedView(_UnplacedView):
    page_title = gettext_lazy("Give up this airing")
    intro = gettext_lazy(
        "The airing is taken off the unplaced list without being placed: the campaign airs "
        "one time fewer. This is logged."
    )
    submit_label = gettext_lazy("Give it up")
    danger = True
    form_class = ReleaseForm
    header_icon = "cross"

    def act(self, form):
        placement.release_unplaced(
            item=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("The airing was given up.")


# --- A campaign's placement ---------------------------------------------------------


LOG_PRIORITY = placement_admin.LOG_PRIORITY


class CampaignPlacementView(_AdminView, TemplateView):
    """A campaign's placement: wanted/placed/waiting per band, its open items on
    the unplaced list, "Relancer le placement" and its priority."""

    template_name = "broadcasting/admin/campaign_placement.html"
    page_title = gettext_lazy("Campaign placement")
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


class PlaceCampaignView(_AdminView, View):
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


def _placement_message(campaign, result) -> str:
    return _("“%(title)s”: %(placed)s airings placed, %(unplaced)s on the unplaced list.") % {
        "title": campaign.title,
        "placed": result.placed,
        "unplaced": result.unplaced,
    }


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
                    _("Priority of “%(title)s” set to %(priority)s.")
                    % {"title": self.object.title, "priority": self.object.priority},
                )
                return redirect(campaign_placement_url(self.object.pk))
        context = self.get_context_data(priority_form=form)
        return self.render_to_response(context)


class PlacePendingView(_FormView):
    """“Placer les campagnes en attente”: every approved campaign not scheduled
    yet, by priority then first approved (place_pending)."""

    page_title = gettext_lazy("Place the campaigns waiting")
    intro = gettext_lazy(
        "The scheduler places every approved campaign not scheduled yet, by priority, then "
        "first approved, first served."
    )
    submit_label = gettext_lazy("Place them")
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
            return _("No approved campaign was waiting.")
        for campaign, result in done:
            messages.info(self.request, _placement_message(campaign, result))
        return ngettext("%(count)s campaign placed.", "%(count)s campaigns placed.", len(done)) % {
            "count": len(done)
        }


class BreakDetailView(_AdminView, TemplateView):
    """A break and its running order (cancelled airings last), with the actions
    an administrator may take on each airing."""

    template_name = "broadcasting/admin/break_detail.html"
    page_title = gettext_lazy("Ad break")
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
                    _("Cancel the break"),
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


def is_open_break(brk: Break) -> bool:
    return brk.is_open and selectors.is_future(brk)


def airing_actions(airing: Airing, *, future: bool) -> list[tuple[str, str, str]]:
    """(label, url, icon) of what an administrator may do with an airing."""
    actions = []
    if airing.status == AiringStatus.PLANNED and future:
        actions.append(
            (_("Move"), reverse("broadcast_airings:move", args=[airing.pk]), "arrow-right")
        )
        actions.append((_("Remove"), reverse("broadcast_airings:remove", args=[airing.pk]), "bin"))
    if airing.status in (AiringStatus.AIRED, AiringStatus.MISSED):
        actions.append(
            (
                _("Undo the confirmation"),
                reverse("broadcast_airings:undo", args=[airing.pk]),
                "undo",
            )
        )
    if (
        airing.make_good_of_id
        and not airing.make_good_accepted
        and airing.status != AiringStatus.CANCELLED
    ):
        actions.append(
            (
                _("Accept the make-good"),
                reverse("broadcast_make_goods:accept", args=[airing.pk]),
                "check",
            )
        )
    return actions
