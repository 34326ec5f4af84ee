"""The desk's first decisions on a coverage request: start the review,
accept (its mission is planned), refuse (or cancel an accepted coverage), ask
the requester for details. URLs: `editorial_requests:review`, `:accept`,
`:refuse`, `:ask` (registered by `requests.RequestViewSet`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..services import desk as desk_services
from .common import DeskFormView


class StartReviewView(DeskFormView):
    page_title = gettext_lazy("Start the review")
    intro = gettext_lazy("The request goes under review; the requester is told.")
    submit_label = gettext_lazy("Start the review")
    header_icon = "view"

    def act(self, form):
        desk_services.start_review(
            request=self.object, actor=self.request.user, note=form.cleaned_data["note"]
        )
        return _("%(reference)s is under review.") % {"reference": self.object.reference}


class AcceptView(DeskFormView):
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


class RefuseView(DeskFormView):
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


class AskDetailsView(DeskFormView):
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
