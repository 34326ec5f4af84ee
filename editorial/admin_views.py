"""Admin views of the "Rédaction" menu that act on a coverage request: its desk
page (every field, attachments, timeline, mission and crew, delivery), the
decisions (review, accept, refuse, ask for details, mark covered, close), the
mission's time and vehicle, the crew (assign with the desk's proposals,
unassign, notify), the delivered content and the mission sheet PDF.

Each action shows its form on GET and acts on POST only, through
`editorial.services`; an `EditorialError` is shown on the form (its French
message) and changes nothing. Who may open them: `EditorialPolicy`, the
editorial managers and the administrators with access to the admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.permissions import is_desk_staff
from accounts.roles import GROUP_NAMES, Role
from core.errors import add_domain_errors

from .exceptions import EditorialError
from .forms_admin import AssignForm, DeliveryForm, MissionForm, NoteForm
from .mission_pdf import render_mission_sheet, sheet_filename
from .models import Assignment, CoverageRequest, CoverageStatus, CrewRole, MissionStatus
from .selectors import desk as selectors
from .services import desk as desk_services
from .services import missions as mission_services

# --- Who may open the "Rédaction" menu ----------------------------------------------


class EditorialPolicy(BasePermissionPolicy):
    """Every allowed action to the editorial managers and the administrators,
    nothing to anyone else (the desk follows the role, not model permissions)."""

    def __init__(self, model, actions=("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_desk_staff(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions & set(actions)) and is_desk_staff(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions & set(actions):
            return users.none()
        desk = (
            Q(is_superuser=True)
            | Q(groups__name=GROUP_NAMES[Role.ADMINISTRATOR])
            | Q(groups__name=GROUP_NAMES[Role.EDITORIAL])
        )
        return users.filter(desk).distinct()


# --- URLs ----------------------------------------------------------------------------


def request_url(pk) -> str:
    return reverse("editorial_requests:inspect", args=[pk])


def action_url(name: str, pk, *args) -> str:
    return reverse(f"editorial_requests:{name}", args=[pk, *args])


def request_actions(coverage: CoverageRequest) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the decisions open on the request."""
    status = coverage.status
    found = []
    if desk_services.allowed("start_review", status):
        found.append((_("Start the review"), action_url("review", coverage.pk), "view"))
    if desk_services.allowed("accept", status):
        found.append((_("Accept"), action_url("accept", coverage.pk), "check"))
    if desk_services.allowed("ask_details", status):
        found.append((_("Ask for details"), action_url("ask", coverage.pk), "help"))
    if desk_services.allowed("refuse", status):
        label = _("Cancel the coverage") if status == CoverageStatus.ACCEPTED else _("Refuse")
        found.append((label, action_url("refuse", coverage.pk), "cross"))
    if desk_services.allowed("mark_covered", status):
        found.append((_("Mark covered"), action_url("covered", coverage.pk), "tick-inverse"))
    if desk_services.allowed("close", status):
        found.append((_("Close the request"), action_url("close", coverage.pk), "lock"))
    return found


# --- Base views ----------------------------------------------------------------------


class _DeskView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A page of the desk about one request: the permission checked first, then
    the request (so an unknown id is a 404 only to those who may open it)."""

    model = CoverageRequest
    permission_policy = None
    permission_required = "change"
    header_icon = "doc-full"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = self.load_object()
            refusal = self.check_object()
            if refusal is not None:
                return refusal
        return super().dispatch(request, *args, **kwargs)

    def load_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def check_object(self):
        """A response sending the user elsewhere when the page makes no sense
        for this request; None to go on."""
        return None

    def get_queryset(self):
        return CoverageRequest.objects.select_related("requester", "mission")

    @property
    def coverage(self) -> CoverageRequest:
        return self.object

    def back_url(self) -> str:
        return request_url(self.object.pk)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_desk"), "label": _("Inbox")},
            {"url": reverse("editorial_requests:index"), "label": _("Coverage requests")},
            {"url": request_url(self.object.pk), "label": self.object.reference},
            {"url": "", "label": str(self.get_page_title())},
        ]

    def get_page_subtitle(self):
        return str(self.object) if self.object is not None else ""

    def mission(self):
        mission = getattr(self.object, "mission", None) if self.object else None
        if mission is None:
            raise EditorialError(_("This request has no mission: accept it first."))
        return mission


class _FormView(_DeskView, FormView):
    """A form page: `act(form)` calls the service and returns the success
    message; its EditorialError goes on the form and nothing is changed."""

    template_name = "editorial/admin/form.html"
    intro = ""
    submit_label = gettext_lazy("Confirm")
    danger = False
    form_class = NoteForm
    note_required = False
    note_label = None
    note_help = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, NoteForm):
            kwargs.update(
                note_required=self.note_required,
                note_label=self.note_label,
                note_help=self.note_help,
            )
        return kwargs

    def summary(self) -> list[tuple[str, str]]:
        coverage = self.object
        return [
            (_("Reference"), coverage.reference),
            (_("Event"), coverage.event_title),
            (
                _("When"),
                f"{coverage.event_date:%d/%m/%Y} {coverage.start_time:%H:%M}–"
                f"{coverage.end_time:%H:%M}",
            ),
            (_("Status"), str(coverage.get_status_display())),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            coverage=self.object,
            intro=self.intro,
            summary=self.summary(),
            submit_label=self.submit_label,
            danger=self.danger,
            action_url=self.request.get_full_path(),
            cancel_url=self.back_url(),
            multipart=False,
        )
        return context

    def act(self, form) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.act(form)
        except EditorialError as error:
            add_domain_errors(form, error, summary=True)
            return self.form_invalid(form)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.back_url()


# --- The request's desk page ---------------------------------------------------------


class RequestDeskView(_DeskView, TemplateView):
    template_name = "editorial/admin/request.html"
    permission_required = "view"
    page_title = gettext_lazy("Coverage request")

    def get_queryset(self):
        return CoverageRequest.objects.all()

    def load_object(self):
        try:
            return selectors.request_for_desk(self.kwargs["pk"])
        except CoverageRequest.DoesNotExist:
            raise Http404 from None

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(label, url=url, icon_name=icon)
            for label, url, icon in request_actions(self.object)
        ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coverage = self.object
        mission = getattr(coverage, "mission", None)
        crew = selectors.mission_crew(mission) if mission else []
        now = timezone.now()
        open_mission = (
            mission is not None
            and mission.status == MissionStatus.PLANNED
            and coverage.status == CoverageStatus.ACCEPTED
        )
        assign_form = AssignForm(mission=mission) if open_mission else None
        context.update(
            coverage=coverage,
            mission=mission,
            open_mission=open_mission,
            crew=[
                {
                    "assignment": a,
                    "overdue": selectors.is_overdue(a, now),
                    "last_sms": next(iter(a.sms_messages.all()), None),
                    "unassign_url": action_url("unassign", coverage.pk, a.pk),
                }
                for a in crew
            ],
            has_journalist=any(a.role == CrewRole.JOURNALIST for a in crew),
            to_notify=[a for a in crew if a.notified_at is None],
            assign_form=assign_form,
            proposals=_proposals(assign_form) if assign_form else [],
            delivery_form=DeliveryForm()
            if desk_services.allowed("deliver", coverage.status)
            else None,
            attachments=list(coverage.attachments.all()),
            deliveries=list(coverage.deliveries.all()),
            events=_timeline(coverage),
            actions=request_actions(coverage),
            requester_url=_safe_requester_url(coverage),
        )
        return context


def _timeline(coverage) -> list[dict]:
    labels = dict(CoverageStatus.choices)
    return [
        {
            "event": event,
            "moved": event.from_status != event.to_status,
            "from": labels.get(event.from_status, event.from_status or "—"),
            "to": labels.get(event.to_status, event.to_status),
        }
        for event in coverage.events.all()
    ]


def _needs_mission(request, coverage):
    if getattr(coverage, "mission", None) is None:
        messages.error(request, _("This request has no mission: accept it first."))
        return redirect(request_url(coverage.pk))
    return None


def _safe_requester_url(coverage) -> str:
    from .notices import requester_url

    return requester_url(coverage)


def _proposals(form: AssignForm) -> list[tuple[str, list]]:
    labels = dict(CrewRole.choices)
    return [(labels[role], members) for role, members in form.proposals().items()]


# --- Decisions -----------------------------------------------------------------------


class StartReviewView(_FormView):
    page_title = gettext_lazy("Start the review")
    intro = gettext_lazy("The request goes under review; the requester is told.")
    submit_label = gettext_lazy("Start the review")
    header_icon = "view"

    def act(self, form):
        desk_services.start_review(
            request=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("%(reference)s is under review.") % {"reference": self.object.reference}


class AcceptView(_FormView):
    page_title = gettext_lazy("Accept the request")
    intro = gettext_lazy(
        "The request is accepted and its mission planned at the event's time, with the "
        "default travel margin. The requester is told; assign the crew next."
    )
    submit_label = gettext_lazy("Yes, accept")
    note_label = gettext_lazy("Note for the requester (optional)")
    header_icon = "check"

    def act(self, form):
        desk_services.accept(
            request=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("%(reference)s is accepted: assign its crew.") % {
            "reference": self.object.reference
        }


class RefuseView(_FormView):
    page_title = gettext_lazy("Refuse the request")
    intro = gettext_lazy(
        "The request is refused and the reason sent to the requester. An accepted "
        "request's mission is cancelled and its crew freed (and told)."
    )
    submit_label = gettext_lazy("Yes, refuse")
    note_required = True
    note_label = gettext_lazy("Reason for the refusal")
    danger = True
    header_icon = "cross"

    def act(self, form):
        desk_services.refuse(
            request=self.object, actor=self.request.user, reason=form.cleaned_data["note"]
        )
        return _("%(reference)s is refused.") % {"reference": self.object.reference}


class AskDetailsView(_FormView):
    page_title = gettext_lazy("Ask the requester for details")
    intro = gettext_lazy(
        "Your question is e-mailed to the requester (their answer comes back to your "
        "address); the request stays under review."
    )
    submit_label = gettext_lazy("Send the question")
    note_required = True
    note_label = gettext_lazy("Question for the requester")
    header_icon = "help"

    def act(self, form):
        desk_services.ask_details(
            request=self.object, actor=self.request.user, message=form.cleaned_data["note"]
        )
        return _("Question sent to %(email)s.") % {"email": self.object.contact_email}


class MarkCoveredView(_FormView):
    page_title = gettext_lazy("Mark the event covered")
    intro = gettext_lazy(
        "The content was delivered: the request is marked covered and the requester told."
    )
    submit_label = gettext_lazy("Mark covered")
    note_label = gettext_lazy("Note for the requester (optional)")
    header_icon = "tick-inverse"

    def act(self, form):
        desk_services.mark_covered(
            request=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("%(reference)s is covered.") % {"reference": self.object.reference}


class CloseView(_FormView):
    page_title = gettext_lazy("Close the request")
    intro = gettext_lazy("The request is closed; the requester is told.")
    submit_label = gettext_lazy("Yes, close it")
    note_label = gettext_lazy("Note for the requester (optional)")
    header_icon = "lock"

    def act(self, form):
        desk_services.close(
            request=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("%(reference)s is closed.") % {"reference": self.object.reference}


class DeliveryView(_FormView):
    page_title = gettext_lazy("Record delivered content")
    intro = gettext_lazy(
        "Upload the files the crew delivered, or give a link to the content. Then mark "
        "the event covered."
    )
    submit_label = gettext_lazy("Record")
    form_class = DeliveryForm
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "multipart": True}

    def act(self, form):
        created = desk_services.add_delivery(
            request=self.object,
            actor=self.request.user,
            files=form.cleaned_data.get("files") or [],
            link=form.cleaned_data.get("link") or "",
            note=form.cleaned_data.get("note") or "",
        )
        return ngettext(
            "%(count)s delivered item recorded.",
            "%(count)s delivered items recorded.",
            len(created),
        ) % {"count": len(created)}


# --- Mission and crew ----------------------------------------------------------------


class MissionEditView(_FormView):
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
        return _needs_mission(self.request, self.object)

    def get_queryset(self):
        return CoverageRequest.objects.select_related("mission", "mission__vehicle")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.object.mission}

    def back_url(self):
        from django.utils.http import url_has_allowed_host_and_scheme

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


class AssignView(_FormView):
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
        return _needs_mission(self.request, self.object)

    def get_queryset(self):
        return CoverageRequest.objects.select_related("mission")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.object.mission}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = _proposals(context["form"])
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


class UnassignView(_FormView):
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


class NotifyCrewView(_FormView):
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
        told = mission_services.notify_crew(mission=self.mission(), actor=self.request.user)
        return ngettext(
            "%(count)s crew member notified.", "%(count)s crew members notified.", len(told)
        ) % {"count": len(told)}


class MissionSheetView(_DeskView, View):
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
