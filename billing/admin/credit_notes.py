"""`/admin/billing/credit-notes/` (`billing_credit_notes:index`): the credit
notes, proposals first, to issue or dismiss; the proposals for missed airings
not made good are made on demand ("Proposer les avoirs des passages manqués").
Each credit note's page (`billing_credit_notes:detail`) shows its lines,
amounts, certification and audit trail, with the certification form."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..files import serve_file
from ..forms import CertificationForm
from ..models import CertificationState, CreditNote, CreditStatus
from ..services import certify, credit_notes, proposals
from .common import (
    ActionView,
    BillingScreenViewSet,
    BillingView,
    DetailFormsMixin,
    FormActionMixin,
    check_billing_staff,
    paginate,
)

NAMESPACE = "billing_credit_notes"
STATUS_ORDER = {
    CreditStatus.PROPOSED: 0,
    CreditStatus.DRAFT: 1,
    CreditStatus.ISSUED: 2,
    CreditStatus.DISMISSED: 3,
}


def detail_url(note) -> str:
    return reverse(f"{NAMESPACE}:detail", args=[note.pk])


def load_note(pk) -> CreditNote:
    return get_object_or_404(
        CreditNote.objects.select_related("invoice", "invoice__advertiser", "invoice__billed_to"),
        pk=pk,
    )


def listed_notes():
    rank = Case(
        *(When(status=status, then=Value(order)) for status, order in STATUS_ORDER.items()),
        output_field=IntegerField(),
    )
    return (
        CreditNote.objects.select_related("invoice", "invoice__advertiser", "invoice__billed_to")
        .annotate(rank=rank)
        .order_by("rank", "-issued_at", "-created_at", "-pk")
    )


class CreditNoteIndexView(BillingView):
    template_name = "billing/admin/credit_notes.html"
    page_title = gettext_lazy("Credit notes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = paginate(self.request, listed_notes())
        return context


class CreditNoteDetailView(DetailFormsMixin, BillingView):
    template_name = "billing/admin/credit_note_detail.html"
    index_url_name = f"{NAMESPACE}:index"
    index_label = gettext_lazy("Credit notes")

    def load(self, **kwargs):
        self.object = load_note(kwargs["pk"])

    def get_page_title(self):
        return _("Credit note %(number)s") % {"number": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        note = self.object
        can_certify = note.is_issued and note.certification != CertificationState.CERTIFIED
        context.update(
            note=note,
            invoice=note.invoice,
            lines=list(note.lines.all()),
            events=list(note.events.select_related("actor")[:100]),
            can_decide=note.status in (CreditStatus.PROPOSED, CreditStatus.DRAFT),
            can_certify=can_certify,
        )
        if can_certify:
            context["certify_form"] = self.make_form("certify", CertificationForm)
        return context


class CertifyCreditNoteView(FormActionMixin, CreditNoteDetailView):
    form_name = "certify"
    form_class = CertificationForm

    def act(self, form) -> str:
        data = form.cleaned_data
        certify.record_certification(
            document=self.object,
            actor=self.request.user,
            code=data["code"],
            certified_at=data["certified_at"],
            qr=data["qr"],
            certified_pdf=data["certified_pdf"],
        )
        return _("The certification of %(number)s is recorded.") % {"number": self.object}

    def done_url(self) -> str:
        return detail_url(self.object)


class _NoteAction(ActionView):
    def load(self, **kwargs):
        return load_note(kwargs["pk"])

    def failure_url(self) -> str:
        if self.request.POST.get("next") == "index":
            return reverse(f"{NAMESPACE}:index")
        return detail_url(self.object)

    def success_url(self, result) -> str:
        return self.failure_url()


class IssueCreditNoteView(_NoteAction):
    def act(self):
        note = credit_notes.issue_credit_note(credit_note=self.object, actor=self.request.user)
        return _("Credit note %(number)s issued.") % {"number": note.number}, note


class DismissCreditNoteView(_NoteAction):
    def act(self):
        note = credit_notes.dismiss_credit_note(
            credit_note=self.object,
            actor=self.request.user,
            note=self.request.POST.get("note", "")[:300],
        )
        return _("The credit note is dismissed."), note


class ProposeView(ActionView):
    def load(self, **kwargs):
        return None

    def act(self):
        count = proposals.propose_missed_credits()
        if not count:
            return _("No missed airing calls for a new credit note."), count
        return ngettext(
            "%(count)s credit note proposed.", "%(count)s credit notes proposed.", count
        ) % {"count": count}, count

    def failure_url(self) -> str:
        return reverse(f"{NAMESPACE}:index")

    def success_url(self, result) -> str:
        return self.failure_url()


def credit_note_file(request, pk, which):
    check_billing_staff(request)
    note = load_note(pk)
    if which == "pdf":
        from ..services.pdfs import ensure_pdf

        ensure_pdf(note)
    suffix = "-certifie" if which == "certified_pdf" else ""
    return serve_file(getattr(note, which), f"{note.number or f'avoir-{note.pk}'}{suffix}")


class CreditNoteViewSet(BillingScreenViewSet):
    name = NAMESPACE
    url_prefix = "billing/credit-notes"
    icon = "rotate"
    menu_label = gettext_lazy("Credit notes")
    menu_order = 300

    def get_urlpatterns(self):
        return [
            path("", CreditNoteIndexView.as_view(), name="index"),
            path("propose/", ProposeView.as_view(), name="propose"),
            path("<int:pk>/", CreditNoteDetailView.as_view(), name="detail"),
            path("<int:pk>/issue/", IssueCreditNoteView.as_view(), name="issue"),
            path("<int:pk>/dismiss/", DismissCreditNoteView.as_view(), name="dismiss"),
            path("<int:pk>/certify/", CertifyCreditNoteView.as_view(), name="certify"),
            path("<int:pk>/pdf/", credit_note_file, {"which": "pdf"}, name="pdf"),
            path(
                "<int:pk>/certified-pdf/",
                credit_note_file,
                {"which": "certified_pdf"},
                name="certified_pdf",
            ),
        ]
