"""What the screens of the "Diffusion" menu share: the viewset bases (every
listing is read-only but the grid's), the listing bits, the URLs a row links
to, the actions an administrator may take on an airing, and the base of the
action views.

Each action shows its form on GET and acts on POST only, through
`broadcasting.services`; a `BroadcastError` is shown on the form (its French
message) and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.models import Campaign
from core import clock as broadcast_day
from core.errors import add_domain_errors

from ..exceptions import BroadcastError
from ..models import Airing, AiringStatus, Break
from ..selectors import admin as selectors
from ..selectors.bands import band_name
from .forms import BreakChoiceForm, DayForm
from .policies import AdministratorPolicy

# --- URLs ----------------------------------------------------------------------------


def break_url(pk) -> str:
    return reverse("broadcast_breaks:inspect", args=[pk])


def campaign_placement_url(pk) -> str:
    return reverse("broadcast_unplaced:campaign", args=[pk])


def airing_break_url(airing) -> str:
    return break_url(airing.break_slot_id)


# --- What may be done ----------------------------------------------------------------


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


# --- Viewsets and listings -----------------------------------------------------------


def band_column(**kwargs) -> Column:
    """The time band of a row by its name ("Matinée"), not its code."""
    return Column(
        "band_code",
        label=gettext_lazy("Time band"),
        accessor=lambda row: band_name(row.band_code),
        **kwargs,
    )


class DiffusionViewSet(ModelViewSet):
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


class ReadOnlyViewSet(DiffusionViewSet):
    """A listing whose changes are action views, never a model form."""

    form_fields = []

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def register_admin_url_finder(self):
        pass  # no edit view to point at


class DefaultDaysFilterSet(WagtailFilterSet):
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


class DiffusionIndexView(generic.IndexView):
    def title_column(self, name, **kwargs):
        """A title column carrying the row's buttons (`get_list_more_buttons`)."""
        return self._get_title_column_class(TitleColumn)(name, **kwargs)


# --- Action views --------------------------------------------------------------------


class AdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
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


class AdminFormView(AdminView, FormView):
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


class ChooseBreakMixin:
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
