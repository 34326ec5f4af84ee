"""After the event: record the content the crew delivered (files or a link),
mark the event covered, close the request. URLs: `editorial_requests:deliver`,
`:covered`, `:close` (registered by `requests.RequestViewSet`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..services import desk as desk_services
from .common import DeskFormView
from .forms import DeliveryForm


class DeliveryView(DeskFormView):
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


class MarkCoveredView(DeskFormView):
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


class CloseView(DeskFormView):
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
