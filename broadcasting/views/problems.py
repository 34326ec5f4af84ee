"""A broadcaster's "Signaler un problème" on an airing or a spot (issue 17): a
small form page reached from the row of the airing on /diffusion/ (the day page
only carries a link). It opens a problem-report conversation for the commercial
team and the broadcasters, hidden from the advertiser until the commercial team
shares it (conversations.services.share_with_advertiser)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.permissions import role_required
from conversations import services as conversations
from conversations.exceptions import ConversationError, Throttled
from conversations.forms import ACCEPTED_WITH_VIDEO
from conversations.models import ProblemType, ThreadKind
from conversations.subjects import resolve_subject, subject_kind
from core.errors import add_domain_errors
from core.forms import SingleLineFieldsMixin

from .planning import PLANNING_ROLES


class ProblemReportForm(SingleLineFieldsMixin, forms.Form):
    problem_type = forms.ChoiceField(
        label=gettext_lazy("What is wrong?"),
        choices=ProblemType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the kind of problem.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Describe the problem"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the service refuses an empty text with its own words
        help_text=gettext_lazy("When you noticed it, what you saw or heard."),
    )
    attachment = forms.FileField(
        label=gettext_lazy("Attachment (optional)"),
        required=False,
        help_text=gettext_lazy(
            "A picture, a PDF or a short video of the problem (200 MB at most for a video)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].widget.attrs["accept"] = ACCEPTED_WITH_VIDEO


def _subject(key: str, pk: int):
    """(kind, object) of an airing or a spot the user may report on; 404 otherwise."""
    kind = subject_kind(key)
    subject = resolve_subject(key, pk) if kind else None
    if subject is None:
        raise Http404
    return kind, subject


def _report(request, key: str, pk: int):
    kind, subject = _subject(key, pk)
    if not kind.may_discuss(request.user, subject):
        raise Http404
    label = str(kind.describe(subject))
    if request.method == "POST":
        form = ProblemReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            title = f"{ProblemType(data['problem_type']).label} · {label}"[:200]
            try:
                thread = conversations.open_thread(
                    author=request.user,
                    kind=ThreadKind.PROBLEM,
                    title=title,
                    body=data["body"],
                    files=[data["attachment"]] if data["attachment"] else [],
                    subject_type=key,
                    subject_id=pk,
                    problem_type=data["problem_type"],
                    advertiser_visible=False,
                )
            except Throttled as error:
                return render(
                    request, "conversations/throttled.html", {"message": error.message}, status=429
                )
            except ConversationError as error:
                add_domain_errors(form, error)
            else:
                messages.success(
                    request, _("Your report was sent to the commercial team. Thank you.")
                )
                return redirect("conversations:thread", pk=thread.pk)
    else:
        form = ProblemReportForm()
    return render(
        request,
        "broadcasting/problem_report.html",
        {"form": form, "subject_label": label, "subject_key": key},
    )


@role_required(*PLANNING_ROLES)
@require_http_methods(["GET", "HEAD", "POST"])
def report_airing_problem(request, pk: int):
    return _report(request, "airing", pk)


@role_required(*PLANNING_ROLES)
@require_http_methods(["GET", "HEAD", "POST"])
def report_spot_problem(request, pk: int):
    return _report(request, "spot", pk)
