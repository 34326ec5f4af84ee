"""A request's mission: its time, travel margin, vehicle and notes, its crew
(assign with the desk's proposals, take off), telling the crew, and the
mission sheet PDF. URLs: `editorial_requests:mission`, `:assign`,
`:unassign`, `:notify`, `:sheet` (registered by `requests.RequestViewSet`)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import View
from wagtail.admin import messages

from ..mission_pdf import render_mission_sheet, sheet_filename
from ..models import Assignment, CoverageRequest
from ..services import confirmation as confirmation_services
from ..services import missions as mission_services
from .common import DeskFormView, DeskView, needs_mission, proposals, request_url
from .forms import AssignForm, MissionForm


class MissionEditView(DeskFormView):
    page_title = gettext_lazy("Edit the mission")
    intro = gettext_lazy(
        "Moving the mission checks every crew member and the vehicle again at the new "
        "time: one conflict and nothing changes. A moved mission is to be confirmed again "
        "by its crew (notify them)."
    )
    submit_label = gettext_lazy("Save the mission")
    form_class = MissionForm
    header_icon = "date"

    def check_object(self):
        return needs_mission(self.request, self.object)

    def get_queryset(self):
        return CoverageRequest.objects.select_related("mission", "mission__vehicle")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.object.mission}

    def back_url(self):
        next_url = self.request.GET.get("next") or self.request.POST.get("next") or ""
        if (
            next_url
            and url_has_allowed_host_and_scheme(next_url, allowed_hosts={self.request.get_host()})
            and next_url.startswith("/admin/editorial/")
        ):
            return next_url
        return super().back_url()

    def act(self, form):
        data = form.cleaned_data
        mission_services.update_mission(
            mission=self.object.mission,
            actor=self.request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            travel_minutes=data["travel_minutes"],
            vehicle=data.get("vehicle_obj"),
            notes=data.get("notes") or "",
        )
        return _("Mission of %(reference)s saved.") % {"reference": self.object.reference}


class AssignView(DeskFormView):
    page_title = gettext_lazy("Assign a crew member")
    intro = gettext_lazy(
        "The desk proposes who is free (no mission overlapping the event and its travel "
        "margin, not resting). Someone busy or away is refused with the reason."
    )
    submit_label = gettext_lazy("Assign")
    form_class = AssignForm
    template_name = "editorial/admin/assign.html"
    header_icon = "user"

    def check_object(self):
        return needs_mission(self.request, self.object)

    def get_queryset(self):
        return CoverageRequest.objects.select_related("mission")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.object.mission}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = proposals(context["form"])
        return context

    def act(self, form):
        assignment = mission_services.assign(
            mission=self.object.mission,
            member=form.cleaned_data["member_obj"],
            role=form.cleaned_data["role"],
            actor=self.request.user,
        )
        return _("%(name)s is on the mission as %(role)s.") % {
            "name": assignment.member.name,
            "role": assignment.get_role_display(),
        }


class UnassignView(DeskFormView):
    page_title = gettext_lazy("Take off the mission")
    submit_label = gettext_lazy("Yes, take them off")
    note_label = gettext_lazy("Reason (optional, kept in the history)")
    danger = True
    header_icon = "cross"

    def check_object(self):
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("member", "mission"),
            pk=self.kwargs["assignment_pk"],
            mission__request=self.object,
            is_active=True,
        )
        self.intro = _(
            "%(name)s (%(role)s) is taken off the mission; if told already, they are told."
        ) % {
            "name": self.assignment.member.name,
            "role": self.assignment.get_role_display(),
        }
        return None

    def act(self, form):
        mission_services.unassign(
            assignment=self.assignment, actor=self.request.user, reason=form.cleaned_data["note"]
        )
        return _("%(name)s is off the mission.") % {"name": self.assignment.member.name}


class NotifyCrewView(DeskFormView):
    page_title = gettext_lazy("Notify the crew")
    intro = gettext_lazy(
        "Each crew member not told yet receives the mission sheet by e-mail (PDF attached) "
        "and a text message, with a link to confirm. At least one journalist is needed."
    )
    submit_label = gettext_lazy("Send")
    header_icon = "mail"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["note_label"] = _("Nothing to add (the sheet holds the mission's notes)")
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop("note")
        return form

    def act(self, form):
        told = confirmation_services.notify_crew(mission=self.mission(), actor=self.request.user)
        return ngettext(
            "%(count)s crew member notified.", "%(count)s crew members notified.", len(told)
        ) % {"count": len(told)}


class MissionSheetView(DeskView, View):
    """The mission sheet (fiche de couverture) as a PDF download."""

    permission_required = "view"
    http_method_names = ["get"]

    def get_queryset(self):
        return CoverageRequest.objects.select_related("mission", "mission__vehicle")

    def get(self, request, *args, **kwargs):
        mission = getattr(self.object, "mission", None)
        if mission is None:
            messages.error(request, _("This request has no mission: accept it first."))
            return redirect(request_url(self.object.pk))
        response = HttpResponse(render_mission_sheet(mission), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{sheet_filename(mission)}"'
        return response
