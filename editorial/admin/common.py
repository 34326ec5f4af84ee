"""The bases of the desk's pages about one coverage request, and the links
to them: its desk page (`editorial_requests:inspect`) and its actions.

Each action shows its form on GET and acts on POST only, through
`editorial.services`; an `EditorialError` is shown on the form (its French
message) and changes nothing. Who may open them: `EditorialPolicy`, the
editorial managers and the administrators with access to the admin."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from core.errors import add_domain_errors

from ..exceptions import EditorialError
from ..models import CoverageRequest, CoverageStatus, CrewRole
from ..services import desk as desk_services
from .forms import AssignForm, NoteForm

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


def when(coverage) -> str:
    """The event's day and hours, as the desk's pages show them."""
    return f"{coverage.event_date:%d/%m/%Y} {coverage.start_time:%H:%M}–{coverage.end_time:%H:%M}"


def needs_mission(request, coverage):
    """A redirection to the request's page, with the reason, when it has no
    mission yet; None otherwise."""
    if getattr(coverage, "mission", None) is None:
        messages.error(request, _("This request has no mission: accept it first."))
        return redirect(request_url(coverage.pk))
    return None


def proposals(form: AssignForm) -> list[tuple[str, list]]:
    """The free members the desk proposes, by role label."""
    labels = dict(CrewRole.choices)
    return [(labels[role], members) for role, members in form.proposals().items()]


# --- Base views ----------------------------------------------------------------------


class DeskView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
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


class DeskFormView(DeskView, FormView):
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
            (_("When"), when(coverage)),
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
