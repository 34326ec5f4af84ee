"""The listings of the "Rédaction" admin menu (editorial managers and
administrators only): every coverage request (filters by status and urgency),
the crew (create, edit, deactivate; delete only who never was on a mission)
and the vehicles. The inbox and the planning are views of `editorial.views`;
what is done to a request is `editorial.admin_views`.

URL names used elsewhere: `editorial_requests:inspect` is a request's desk
page (/admin/editorial/requests/<pk>/)."""

from __future__ import annotations

import django_filters
from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from core.errors import add_domain_errors

from . import admin_views
from .admin_views import EditorialPolicy
from .exceptions import EditorialError
from .forms_admin import CrewMemberForm, VehicleForm
from .models import (
    CoverageRequest,
    CoverageStatus,
    CrewMember,
    CrewRole,
    CrewStatus,
    Urgency,
    Vehicle,
)
from .selectors import desk as selectors
from .services import crew as crew_services


class _DeskViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    add_to_admin_menu = False  # the "Rédaction" menu is built in wagtail_hooks
    list_per_page = 50
    search_backend_name = None
    policy_actions = ("add", "change", "delete", "view")

    @property
    def permission_policy(self):
        return EditorialPolicy(self.model, actions=self.policy_actions)


# --- Coverage requests ---------------------------------------------------------------


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
    return admin_views.request_url(coverage.pk)


def _when(coverage) -> str:
    return f"{coverage.event_date:%d/%m/%Y} {coverage.start_time:%H:%M}–{coverage.end_time:%H:%M}"


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
            Column("event_date", label=_("When"), accessor=_when, sort_key="event_date"),
            Column("urgency", label=_("Urgency"), accessor="get_urgency_display"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("crew_count", label=_("Crew")),
            Column("contact_name", label=_("Contact")),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return [
            ButtonMenuItem(label, url=url, icon_name=icon, priority=10 * (i + 1))
            for i, (label, url, icon) in enumerate(admin_views.request_actions(instance))
        ]


class RequestViewSet(_DeskViewSet):
    model = CoverageRequest
    name = "editorial_requests"
    url_prefix = "editorial/requests"
    icon = "doc-full"
    menu_label = _("Coverage requests")
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
            path("<int:pk>/", view(admin_views.RequestDeskView), name="inspect"),
            path("<int:pk>/review/", view(admin_views.StartReviewView), name="review"),
            path("<int:pk>/accept/", view(admin_views.AcceptView), name="accept"),
            path("<int:pk>/refuse/", view(admin_views.RefuseView), name="refuse"),
            path("<int:pk>/ask/", view(admin_views.AskDetailsView), name="ask"),
            path("<int:pk>/deliver/", view(admin_views.DeliveryView), name="deliver"),
            path("<int:pk>/covered/", view(admin_views.MarkCoveredView), name="covered"),
            path("<int:pk>/close/", view(admin_views.CloseView), name="close"),
            path("<int:pk>/mission/", view(admin_views.MissionEditView), name="mission"),
            path("<int:pk>/assign/", view(admin_views.AssignView), name="assign"),
            path(
                "<int:pk>/unassign/<int:assignment_pk>/",
                view(admin_views.UnassignView),
                name="unassign",
            ),
            path("<int:pk>/notify/", view(admin_views.NotifyCrewView), name="notify"),
            path("<int:pk>/sheet.pdf", view(admin_views.MissionSheetView), name="sheet"),
        ]


# --- Crew ----------------------------------------------------------------------------


class ActiveFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices", (("active", _("active")), ("inactive", _("inactive")), ("all", _("all")))
        )
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "inactive":
            return qs.filter(is_active=False)
        if value == "all":
            return qs
        return qs.filter(is_active=True)


class _ActiveByDefault:
    """The list shows the active ones unless asked otherwise."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("state"):
            data = data.copy()
            data["state"] = "active"
        super().__init__(data, *args, **kwargs)


class CrewFilterSet(_ActiveByDefault, WagtailFilterSet):
    state = ActiveFilter(label=_("Active"))
    role = django_filters.ChoiceFilter(label=_("Role"), choices=CrewRole.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CrewStatus.choices)

    class Meta:
        model = CrewMember
        fields = []


def _member_status(member) -> str:
    status = str(member.get_status_display())
    if member.status != CrewStatus.AVAILABLE and (
        member.unavailable_from or member.unavailable_until
    ):
        start = f"{member.unavailable_from:%d/%m/%Y}" if member.unavailable_from else "…"
        end = f"{member.unavailable_until:%d/%m/%Y}" if member.unavailable_until else "…"
        status = f"{status} ({start} – {end})"
    return status


class CrewIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda m: reverse("editorial_crew:edit", args=[m.pk]),
                sort_key="name",
            ),
            Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
            Column("skills", label=_("Skills")),
            Column("phone", label=_("Phone")),
            Column("email", label=_("E-mail")),
            Column("status", label=_("Status"), accessor=_member_status, sort_key="status"),
            BooleanColumn("is_active", label=_("Active")),
        ]

    def get_list_more_buttons(self, instance):
        name = "deactivate" if instance.is_active else "activate"
        label = _("Deactivate") if instance.is_active else _("Reactivate")
        return [
            ButtonMenuItem(
                label,
                url=reverse(f"editorial_crew:{name}", args=[instance.pk]),
                icon_name="cross" if instance.is_active else "check",
                priority=30,
            )
        ]


class _ServiceSaveMixin:
    """Save through the service (its checks, the actor) instead of form.save()."""

    save_service = None

    def save_instance(self):
        instance = self.form.save(commit=False)
        type(self).save_service(instance, actor=self.request.user)
        self.form.save_m2m()
        return instance

    def form_valid(self, form):
        # The form checked the same rules; a refusal here is a race (two desks
        # saving the same plate): shown on the form, nothing saved.
        try:
            return super().form_valid(form)
        except EditorialError as error:
            add_domain_errors(form, error, summary=True)
            return self.form_invalid(form)


def _save_member(member, *, actor):
    return crew_services.save_member(member=member, actor=actor)


def _save_vehicle(vehicle, *, actor):
    return crew_services.save_vehicle(vehicle=vehicle, actor=actor)


class CrewCreateView(_ServiceSaveMixin, generic.CreateView):
    save_service = _save_member

    def save_instance(self):
        instance = super().save_instance()
        from wagtail.log_actions import log

        log(instance=instance, action="wagtail.create")
        return instance


class CrewEditView(_ServiceSaveMixin, generic.EditView):
    save_service = _save_member

    def save_instance(self):
        instance = super().save_instance()
        from wagtail.log_actions import log

        log(instance=instance, action="wagtail.edit")
        return instance


class _RefusingDeleteView(generic.DeleteView):
    """Delete only what was never used on a mission; otherwise explain and offer
    to deactivate (POST refused the same way)."""

    template_name = "editorial/admin/confirm_delete.html"
    delete_service = None
    deactivate_url_name = ""

    def in_use(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_use"] = self.in_use()
        context["deactivate_url"] = reverse(self.deactivate_url_name, args=[self.object.pk])
        context["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        return context

    def form_valid(self, form):
        try:
            type(self).delete_service(self.object, actor=self.request.user)
        except EditorialError as error:
            messages.error(self.request, error.message)
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


def _delete_member(member, *, actor):
    return crew_services.delete_member(member=member, actor=actor)


def _delete_vehicle(vehicle, *, actor):
    return crew_services.delete_vehicle(vehicle=vehicle, actor=actor)


class CrewDeleteView(_RefusingDeleteView):
    delete_service = _delete_member
    deactivate_url_name = "editorial_crew:deactivate"

    def in_use(self):
        return crew_services.has_missions(self.object)


class SetActiveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """(De)activate a member or a vehicle through the service: confirmed on GET,
    done on POST. A refusal (still on missions ahead...) is shown, nothing changes."""

    model = None
    permission_policy = None
    permission_required = "change"
    index_url_name = None
    edit_url_name = None
    header_icon = "cross"
    template_name = "editorial/admin/form.html"
    form_class = forms.Form
    active = False
    service = None

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.active:
            return gettext("Reactivate")
        return gettext("Deactivate")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": str(self.model._meta.verbose_name_plural).capitalize(),
            },
            {"url": "", "label": f"{self.get_page_title()} · {self.object}"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.active:
            intro = gettext("“%(name)s” is proposed again for missions.")
        else:
            intro = gettext(
                "“%(name)s” is kept with their past missions but no longer proposed nor assignable."
            )
        context.update(
            intro=intro % {"name": self.object},
            summary=[],
            submit_label=self.get_page_title(),
            danger=not self.active,
            action_url=self.request.get_full_path(),
            cancel_url=reverse(self.index_url_name),
            multipart=False,
        )
        return context

    def form_valid(self, form):
        obj = self.object
        try:
            self.service(obj, active=self.active, actor=self.request.user)
        except EditorialError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if self.active:
            messages.success(self.request, gettext("“%(name)s” is active again.") % {"name": obj})
        else:
            messages.success(
                self.request,
                gettext("“%(name)s” is deactivated: kept in the history, no longer proposed.")
                % {"name": obj},
            )
        return redirect(reverse(self.index_url_name) + "?state=all")


def _member_active(member, *, active, actor):
    return crew_services.set_member_active(member=member, active=active, actor=actor)


def _vehicle_active(vehicle, *, active, actor):
    return crew_services.set_vehicle_active(vehicle=vehicle, active=active, actor=actor)


class CrewViewSet(_DeskViewSet):
    model = CrewMember
    name = "editorial_crew"
    url_prefix = "editorial/crew"
    icon = "group"
    menu_label = _("Crew")
    index_view_class = CrewIndexView
    add_view_class = CrewCreateView
    edit_view_class = CrewEditView
    delete_view_class = CrewDeleteView
    filterset_class = CrewFilterSet
    ordering = ["role", "name"]
    search_fields = ["name", "skills", "phone", "email"]

    def get_form_class(self, for_update=False):
        return CrewMemberForm

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "usage_url_name": None}

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "deactivate/<int:pk>/",
                self.construct_view(
                    SetActiveView, active=False, service=_member_active, header_icon="cross"
                ),
                name="deactivate",
            ),
            path(
                "activate/<int:pk>/",
                self.construct_view(
                    SetActiveView, active=True, service=_member_active, header_icon="check"
                ),
                name="activate",
            ),
        ]


# --- Vehicles ------------------------------------------------------------------------


class VehicleFilterSet(_ActiveByDefault, WagtailFilterSet):
    state = ActiveFilter(label=_("In service"))

    class Meta:
        model = Vehicle
        fields = []


class VehicleIndexView(CrewIndexView):
    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda v: reverse("editorial_vehicles:edit", args=[v.pk]),
                sort_key="name",
            ),
            Column("plate", label=_("Plate"), sort_key="plate"),
            Column("seats", label=_("Seats")),
            BooleanColumn("is_active", label=_("In service")),
        ]

    def get_list_more_buttons(self, instance):
        name = "deactivate" if instance.is_active else "activate"
        label = _("Take out of service") if instance.is_active else _("Back in service")
        return [
            ButtonMenuItem(
                label,
                url=reverse(f"editorial_vehicles:{name}", args=[instance.pk]),
                icon_name="cross" if instance.is_active else "check",
                priority=30,
            )
        ]


class VehicleCreateView(CrewCreateView):
    save_service = _save_vehicle


class VehicleEditView(CrewEditView):
    save_service = _save_vehicle


class VehicleDeleteView(_RefusingDeleteView):
    delete_service = _delete_vehicle
    deactivate_url_name = "editorial_vehicles:deactivate"

    def in_use(self):
        return self.object.missions.exists()


class VehicleViewSet(_DeskViewSet):
    model = Vehicle
    name = "editorial_vehicles"
    url_prefix = "editorial/vehicles"
    icon = "site"
    menu_label = _("Vehicles")
    index_view_class = VehicleIndexView
    add_view_class = VehicleCreateView
    edit_view_class = VehicleEditView
    delete_view_class = VehicleDeleteView
    filterset_class = VehicleFilterSet
    ordering = ["name"]
    search_fields = ["name", "plate"]

    def get_form_class(self, for_update=False):
        return VehicleForm

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "usage_url_name": None}

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "deactivate/<int:pk>/",
                self.construct_view(
                    SetActiveView, active=False, service=_vehicle_active, header_icon="cross"
                ),
                name="deactivate",
            ),
            path(
                "activate/<int:pk>/",
                self.construct_view(
                    SetActiveView, active=True, service=_vehicle_active, header_icon="check"
                ),
                name="activate",
            ),
        ]


VIEWSETS = (RequestViewSet, CrewViewSet, VehicleViewSet)
