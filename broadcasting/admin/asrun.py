"""“Imports as-run” (issue 19): the history of the as-run files imported, the
upload of a file, an import's page (its summary, the rows not read, its
discrepancies reviewed one by one) and its progress as JSON for the page's
script (static/js/asrun_import.js).

Administrators only, like the rest of the "Diffusion" menu (broadcasters have
no access to the admin). Each review action is a POST through
`broadcasting.asrun.services.review`; a refusal is shown as a message and
changes nothing."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import HeaderButton

from ..asrun import selectors
from ..asrun.rows import AsRunFileError
from ..asrun.services import review
from ..asrun.services.upload import register_upload
from ..exceptions import BroadcastError
from ..models import AsRunDiscrepancy, AsRunFormat, AsRunImport, DiscrepancyKind
from .asrun_forms import DiscrepancyReasonForm, NoteForm, UploadForm
from .common import AdminFormView, AdminView, DiffusionIndexView, ReadOnlyViewSet

RUNNING = (AsRunImport.Status.PENDING, AsRunImport.Status.RUNNING)


def import_url(pk) -> str:
    return reverse("broadcast_asrun:detail", args=[pk])


def uploader(asrun_import: AsRunImport) -> str:
    user = asrun_import.uploaded_by
    if user is None:
        return gettext("watched folder")
    return str(user)


def status_text(asrun_import: AsRunImport) -> str:
    label = str(asrun_import.get_status_display()).capitalize()
    if asrun_import.status == AsRunImport.Status.RUNNING:
        return f"{label} · {asrun_import.progress}\u202f%"
    return label


def format_label(asrun_import: AsRunImport) -> str:
    if asrun_import.format in AsRunFormat.values:
        return str(AsRunFormat(asrun_import.format).label)
    return asrun_import.format or "—"


# --- History ---------------------------------------------------------------------------


class AsRunImportIndexView(DiffusionIndexView):
    page_title = _("As-run imports")

    def get_base_queryset(self):
        return selectors.import_history()

    @cached_property
    def no_results_message(self):
        return gettext(
            "No as-run file imported yet. Upload the log of a broadcast day, or drop it in "
            "the watched folder."
        )

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "filename", label=_("File"), get_url=lambda a: import_url(a.pk), sort_key=None
            ),
            Column("format", label=_("Format"), accessor=format_label),
            Column("source", label=_("Source"), accessor=lambda a: a.source or "—"),
            Column("uploaded_by", label=_("Uploaded by"), accessor=uploader),
            Column("status", label=_("Status"), accessor=status_text),
            Column("rows_total", label=_("Rows")),
            Column("matched", label=_("Matched"), accessor=lambda a: a.counts.get("matched", 0)),
            Column("open_count", label=_("To review")),
            DateColumn("created_at", label=_("Imported")),
        ]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Import a file"), url=reverse("broadcast_asrun:upload"), icon_name="upload"
                )
            )
        return buttons


# --- Upload ----------------------------------------------------------------------------


class UploadView(AdminFormView):
    page_title = _("Import an as-run file")
    intro = _(
        "The log of what the playout aired. Its rows are matched with the running order: "
        "the airings found are confirmed aired, every difference is listed for review. "
        "The same file twice changes nothing."
    )
    template_name = "broadcasting/admin/asrun/upload.html"
    submit_label = _("Import")
    form_class = UploadForm
    permission_required = "add"
    header_icon = "upload"
    index_url_name = "broadcast_asrun:index"
    model = AsRunImport

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicate"] = getattr(self, "duplicate", None)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            asrun_import, created = register_upload(
                file=upload,
                filename=upload.name,
                user=self.request.user,
                source=form.cleaned_data.get("source"),
            )
        except (AsRunFileError, BroadcastError) as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        if not created:
            self.duplicate = asrun_import
            form.add_error(
                "file",
                gettext("This file was already imported on %(date)s.")
                % {"date": date_format(localtime(asrun_import.created_at), "d/m/Y H:i")},
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("“%(file)s” received: it is being read.") % {"file": asrun_import.filename},
        )
        return redirect(import_url(asrun_import.pk))


# --- One import ------------------------------------------------------------------------


class ImportDetailView(AdminView, TemplateView):
    template_name = "broadcasting/admin/asrun/detail.html"
    page_title = _("As-run import")
    permission_required = "view"
    object_model = AsRunImport
    model = AsRunImport
    header_icon = "doc-full"
    index_url_name = "broadcast_asrun:index"

    def get_queryset(self):
        return selectors.imports()

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def index_label(self) -> str:
        return str(AsRunImportIndexView.page_title)

    def filters(self) -> tuple[str, str]:
        kind = self.request.GET.get("kind", "")
        state = self.request.GET.get("state", "all")
        return (
            kind if kind in selectors.KIND_FILTERS else "",
            state if state in selectors.STATE_FILTERS else "all",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asrun_import = self.object
        kind, state = self.filters()
        paginator = WagtailPaginator(
            selectors.discrepancies(asrun_import, kind=kind, state=state),
            selectors.DISCREPANCIES_PER_PAGE,
        )
        page = paginator.get_page(self.request.GET.get("p"))
        can_review = self.user_has_permission("change")
        context.update(
            asrun_import=asrun_import,
            running=asrun_import.status in RUNNING,
            status_label=status_text(asrun_import),
            format_label=format_label(asrun_import),
            uploader=uploader(asrun_import),
            summary=selectors.import_summary(asrun_import)
            if asrun_import.status not in RUNNING
            else None,
            page=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            discrepancies=[_item(d, can_review) for d in page.object_list],
            kind=kind,
            state=state,
            kinds=[(str(k), str(k.label)) for k in DiscrepancyKind],
            states=list(selectors.STATE_FILTERS.items()),
            status_url=reverse("broadcast_asrun:status", args=[asrun_import.pk]),
            here=self.request.get_full_path(),
        )
        return context


def _item(discrepancy: AsRunDiscrepancy, can_review: bool) -> dict:
    has_airing = discrepancy.airing_id is not None
    is_open = discrepancy.is_open and can_review
    return {
        "d": discrepancy,
        "airing": discrepancy.airing,
        "can_accept": is_open and has_airing,
        "can_miss": is_open and has_airing,
        "can_ignore": is_open,
    }


class ImportStatusView(ImportDetailView, View):
    """The import's progress as JSON, polled by its page while it runs."""

    def get(self, request, *args, **kwargs):
        asrun_import = self.object
        return JsonResponse(
            {
                "status": asrun_import.status,
                "status_label": status_text(asrun_import),
                "progress": asrun_import.progress,
                "finished": asrun_import.status not in RUNNING,
            },
            headers={"Cache-Control": "no-store"},
        )


# --- Review ----------------------------------------------------------------------------


class _ReviewView(AdminView, View):
    """POST only: one review action on a discrepancy, then back to its import."""

    http_method_names = ["post"]
    object_model = AsRunDiscrepancy
    form_class = None

    def get_queryset(self):
        return AsRunDiscrepancy.objects.select_related("asrun_import")

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            self.object = self.load_object()
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        url = import_url(self.object.asrun_import_id)
        back = self.request.POST.get("next", "")
        if back.startswith(url):  # the same import's page, its filters kept
            url = back
        return redirect(f"{url}#d-{self.object.pk}")

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.back()
        try:
            message = self.act(form.cleaned_data if form is not None else {})
        except BroadcastError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        return self.back()

    def describe(self) -> str:
        return self.object.house_code or self.object.title or str(self.object.pk)


class AcceptView(_ReviewView):
    def act(self, data):
        review.accept_as_aired(discrepancy=self.object, actor=self.request.user)
        return gettext("%(what)s: accepted as aired.") % {"what": self.describe()}


class MarkMissedView(_ReviewView):
    form_class = DiscrepancyReasonForm

    def act(self, data):
        review.mark_missed(discrepancy=self.object, actor=self.request.user, reason=data["reason"])
        return gettext("%(what)s: marked missed; a make-good is offered.") % {
            "what": self.describe()
        }


class IgnoreView(_ReviewView):
    form_class = NoteForm

    def act(self, data):
        review.ignore(discrepancy=self.object, actor=self.request.user, note=data.get("note", ""))
        return gettext("%(what)s: ignored.") % {"what": self.describe()}


class AsRunImportViewSet(ReadOnlyViewSet):
    model = AsRunImport
    name = "broadcast_asrun"
    url_prefix = "broadcasting/asrun"
    icon = "doc-full"
    menu_label = _("As-run imports")
    menu_order = 700
    index_view_class = AsRunImportIndexView
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    policy_actions = ("add", "change", "view")

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("upload/", view(UploadView), name="upload"),
            path("<int:pk>/", view(ImportDetailView), name="detail"),
            path("<int:pk>/status/", view(ImportStatusView), name="status"),
            path("discrepancy/<int:pk>/accept/", view(AcceptView), name="accept"),
            path("discrepancy/<int:pk>/missed/", view(MarkMissedView), name="missed"),
            path("discrepancy/<int:pk>/ignore/", view(IgnoreView), name="ignore"),
        ]
