"""`/admin/messages/<pk>/` (`conversations_admin:thread`): a thread as the staff
read it (hidden messages included, with their reason), the reply form with the
canned replies, and the staff's moves, each a POST to its own URL through the
services: reply (reopens a closed thread), assign, close, share a problem report
with the advertiser, hide a message (administrators). The audit trail below."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View
from wagtail.admin import messages

from accounts.permissions import is_administrator

from ..exceptions import ConversationError
from ..forms import ReplyForm
from ..models import CannedReply, Message, ThreadKind
from ..selectors import is_staff_side, thread_messages
from ..selectors.participants import team_members
from ..services import (
    assign,
    close,
    hide_message,
    is_read_only,
    mark_read,
    post_message,
    share_with_advertiser,
)
from ..services.rules import allows_video
from ..subjects import resolve_subject, subject_kind
from .common import StaffView, check_staff, staff_thread, thread_url
from .forms import AssignForm, HideForm


def _refuse(request, form, error: ConversationError) -> None:
    messages.error(request, error.message)
    for name, field_messages in getattr(error, "field_errors", {}).items():
        if form is not None and name in form.fields:
            for message in field_messages:
                form.add_error(name, message)


def subject_link(thread) -> tuple[str, str]:
    """(label, staff URL) of the thread's subject ("" when none or gone)."""
    kind = subject_kind(thread.subject_type)
    if kind is None or thread.subject_id is None:
        return thread.subject_label, ""
    subject = resolve_subject(thread.subject_type, thread.subject_id)
    if subject is None:
        return thread.subject_label, ""
    try:
        return thread.subject_label, kind.staff_url(subject)
    except Exception:  # noqa: BLE001 - a subject without a staff page is shown unlinked
        return thread.subject_label, ""


class ThreadView(StaffView):
    template_name = "conversations/admin/thread.html"
    reply_form = None

    def load(self, pk: int, **kwargs) -> None:
        self.thread = staff_thread(self.request, pk)

    def get_page_title(self):
        return self.thread.title

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        mark_read(thread=self.thread, user=request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thread, user = self.thread, self.request.user
        answering = is_staff_side(user, thread)
        video = allows_video(kind=thread.kind, subject_type=thread.subject_type)
        members = team_members(thread) if answering else []
        label, url = subject_link(thread)
        context.update(
            thread=thread,
            thread_messages=thread_messages(user, thread),
            events=thread.events.select_related("actor").order_by("created_at", "pk"),
            answering=answering,
            moderator=is_administrator(user) and answering,
            read_only=is_read_only(thread, timezone.now()),
            reply_form=self.reply_form or ReplyForm(video=video),
            canned_replies=(
                CannedReply.objects.filter(team=thread.team, active=True).order_by("title")
                if answering
                else []
            ),
            assign_form=AssignForm(members=members, initial={"assignee": thread.assignee_id}),
            members=members,
            hide_form=HideForm(),
            can_share=(
                answering
                and thread.kind == ThreadKind.PROBLEM
                and not thread.advertiser_visible
                and bool(thread.advertiser_id)
            ),
            subject_label=label,
            subject_url=url,
        )
        return context


class ReplyView(ThreadView):
    """POST: the reply; refused, the page again with the text and the error."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        video = allows_video(kind=self.thread.kind, subject_type=self.thread.subject_type)
        form = ReplyForm(request.POST, request.FILES, video=video)
        if form.is_valid():
            try:
                post_message(
                    thread=self.thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except ConversationError as error:
                _refuse(request, form, error)
            else:
                messages.success(request, gettext("Your reply was sent."))
                return redirect(thread_url(self.thread))
        self.reply_form = form
        return self.render_to_response(self.get_context_data())


class ThreadActionView(View):
    """A POST-only move on a thread the user sees (404 otherwise); its
    ConversationError becomes an error message, nothing changed."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        check_staff(request)
        self.thread = staff_thread(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def act(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ConversationError as error:
            messages.error(request, error.message)
        else:
            if message:
                messages.success(request, message)
        return redirect(thread_url(self.thread))


class AssignView(ThreadActionView):
    """`assignee`: "me", a colleague's id (a member of the thread's team), or empty."""

    def act(self) -> str:
        choice = (self.request.POST.get("assignee") or "").strip()
        user = self.request.user
        if choice == "me":
            assignee = user
        elif choice.isdigit():
            assignee = get_user_model().objects.filter(pk=int(choice)).first()
            if assignee is None:
                raise ConversationError(
                    gettext("This person does not answer this kind of conversation.")
                )
        else:
            assignee = None
        assign(thread=self.thread, actor=user, assignee=assignee)
        if assignee is None:
            return gettext("The conversation is no longer assigned.")
        return gettext("The conversation is assigned to %(name)s.") % {
            "name": assignee.get_full_name() or assignee.email
        }


class CloseView(ThreadActionView):
    def act(self) -> str:
        close(thread=self.thread, actor=self.request.user)
        return gettext("The conversation is closed.")


class ShareView(ThreadActionView):
    def act(self) -> str:
        share_with_advertiser(thread=self.thread, actor=self.request.user)
        return gettext("The advertiser can now read this conversation and answer it.")


class HideView(ThreadActionView):
    """Hide a message of the thread with a reason: the administrators only."""

    def dispatch(self, request, *args, **kwargs):
        check_staff(request)
        if not is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def act(self) -> str:
        message = Message.objects.filter(
            pk=self.kwargs["message_pk"], thread_id=self.thread.pk
        ).first()
        if message is None:
            raise Http404
        form = HideForm(self.request.POST)
        if not form.is_valid():
            raise ConversationError(gettext("Say why the message is hidden."))
        hide_message(message=message, actor=self.request.user, reason=form.cleaned_data["reason"])
        return gettext("The message is hidden from the advertiser.")
