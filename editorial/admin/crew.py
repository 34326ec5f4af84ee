"""The crew of the "Rédaction" menu (create, edit, deactivate; delete only who
never was on a mission), and the pieces the vehicles' screens share with it:
the "active" filter, saving through the service, the delete that refuses what
was used, the (de)activation page."""

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
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.log_actions import log

from core.errors import add_domain_errors

from ..exceptions import EditorialError
from ..models import CrewMember, CrewRole, CrewStatus
from ..services import crew as crew_services
from .forms import CrewMemberForm
from .policies import DeskViewSet

# --- Shared with the vehicles --------------------------------------------------------


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


class ActiveByDefault:
    """The list shows the active ones unless asked otherwise."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("state"):
            data = data.copy()
            data["state"] = "active"
        super().__init__(data, *args, **kwargs)


class ServiceSaveMixin:
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


class RefusingDeleteView(generic.DeleteView):
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
            add_domain_errors(form, error, summary=True)
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


def set_active_urlpatterns(viewset, service) -> list:
    """The "deactivate" and "activate" pages of a listing, through `service`."""
    view = viewset.construct_view
    return [
        path(
            "deactivate/<int:pk>/",
            view(SetActiveView, active=False, service=service, header_icon="cross"),
            name="deactivate",
        ),
        path(
            "activate/<int:pk>/",
            view(SetActiveView, active=True, service=service, header_icon="check"),
            name="activate",
        ),
    ]


# --- The crew ------------------------------------------------------------------------


class CrewFilterSet(ActiveByDefault, WagtailFilterSet):
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


def _save_member(member, *, actor):
    return crew_services.save_member(member=member, actor=actor)


def _delete_member(member, *, actor):
    return crew_services.delete_member(member=member, actor=actor)


def _member_active(member, *, active, actor):
    return crew_services.set_member_active(member=member, active=active, actor=actor)


class CrewCreateView(ServiceSaveMixin, generic.CreateView):
    save_service = _save_member

    def save_instance(self):
        instance = super().save_instance()
        log(instance=instance, action="wagtail.create")
        return instance


class CrewEditView(ServiceSaveMixin, generic.EditView):
    save_service = _save_member

    def save_instance(self):
        instance = super().save_instance()
        log(instance=instance, action="wagtail.edit")
        return instance


class CrewDeleteView(RefusingDeleteView):
    delete_service = _delete_member
    deactivate_url_name = "editorial_crew:deactivate"

    def in_use(self):
        return crew_services.has_missions(self.object)


class CrewViewSet(DeskViewSet):
    model = CrewMember
    name = "editorial_crew"
    url_prefix = "editorial/crew"
    icon = "group"
    menu_label = _("Crew")
    menu_order = 400
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
        return [*super().get_urlpatterns(), *set_active_urlpatterns(self, _member_active)]
