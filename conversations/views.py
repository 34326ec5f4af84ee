"""The advertiser's side of the conversations (/messages/): the list, a new
conversation (about a subject or general), a thread with its reply form, the
correction of one's own message, closing. Thin: the rules are the services',
who sees what is `selectors.visible_threads` (any other thread: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Role, has_role, roles_of
from core.errors import add_domain_errors

from . import selectors, services
from .exceptions import ConversationError, Throttled
from .forms import EditForm, NewThreadForm, ReplyForm, ThreadFilterForm
from .models import Message, ThreadKind
from .services.rules import allows_video
from .subjects import parse_subject, resolve_subject, subject_kind

PER_PAGE = 20


def _throttled(request, error: Throttled):
    return render(request, "conversations/throttled.html", {"message": error.message}, status=429)


def _thread_or_404(user, pk: int):
    thread = (
        selectors.visible_threads(user)
        .select_related("advertiser", "assignee", "created_by")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread


@login_required
@require_http_methods(["GET", "HEAD"])
def thread_list(request):
    form = ThreadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    threads = selectors.threads_for(
        request.user,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        subject_type=filters.get("subject", ""),
        search=filters.get("q", ""),
    ).select_related("advertiser")
    page_obj = Paginator(threads, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "conversations/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "filtered": any(filters.values()),
            "may_open": _may_open_threads(request.user),
        },
    )


def _may_open_threads(user) -> bool:
    """Advertisers' users and requesters without a role open threads here (the
    staff open theirs from their own screens)."""
    return has_role(user, Role.ADVERTISER) or not roles_of(user)


def _subject_from(request):
    """(key, id, object, kind) of the `subject` parameter, checked against the user;
    404 for a subject that is not theirs; Nones without one."""
    raw = request.GET.get("subject") or request.POST.get("subject") or ""
    if not raw:
        return None, None, None, None
    parsed = parse_subject(raw)
    if parsed is None:
        raise Http404
    key, subject_id = parsed
    kind = subject_kind(key)
    subject = resolve_subject(key, subject_id)
    if subject is None or not kind.may_discuss(request.user, subject):
        raise Http404
    return key, subject_id, subject, kind


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_new(request):
    if not _may_open_threads(request.user):
        raise PermissionDenied
    key, subject_id, subject, kind = _subject_from(request)
    video = allows_video(kind=ThreadKind.QUESTION, subject_type=key or "")
    if request.method == "POST":
        form = NewThreadForm(request.POST, request.FILES, video=video)
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.open_thread(
                    author=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    files=data["files"],
                    subject_type=key or "",
                    subject_id=subject_id,
                )
            except Throttled as error:
                return _throttled(request, error)
            except ConversationError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect("conversations:thread", pk=thread.pk)
    else:
        initial = {"kind": ThreadKind.QUESTION}
        if subject is not None:
            initial["title"] = str(kind.ask_label or kind.label)[:200]
        form = NewThreadForm(initial=initial, video=video)
    return render(
        request,
        "conversations/new.html",
        {
            "form": form,
            "subject": subject,
            "subject_kind": kind,
            "subject_param": f"{key}:{subject_id}" if key else "",
            "subject_label": kind.describe(subject) if subject is not None else "",
            "subject_url": kind.client_url(subject) if subject is not None else "",
        },
    )


def _thread_context(request, thread, form):
    now = timezone.now()
    thread_messages = selectors.thread_messages(request.user, thread)
    for message in thread_messages:
        message.editable = (
            message.author_id == request.user.pk
            and not message.is_hidden
            and now - message.created_at <= services.EDIT_WINDOW
        )
    kind = subject_kind(thread.subject_type)
    return {
        "thread": thread,
        "thread_messages": thread_messages,
        "form": form,
        "read_only": services.is_read_only(thread, now),
        "is_staff": selectors.is_staff(request.user),
        "may_open": _may_open_threads(request.user),
        "may_close": not thread.is_closed
        and (
            thread.created_by_id == request.user.pk or selectors.is_staff_side(request.user, thread)
        ),
        "subject_kind": kind,
        "subject_url": _subject_url(kind, thread),
    }


def _subject_url(kind, thread) -> str:
    if kind is None or thread.subject_id is None:
        return ""
    subject = resolve_subject(thread.subject_type, thread.subject_id)
    return kind.client_url(subject) if subject is not None else ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_detail(request, pk: int):
    thread = _thread_or_404(request.user, pk)
    video = allows_video(kind=thread.kind, subject_type=thread.subject_type)
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES, video=video)
        if form.is_valid():
            try:
                message = services.post_message(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except Throttled as error:
                return _throttled(request, error)
            except ConversationError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("Your message has been sent."))
                url = reverse("conversations:thread", args=[thread.pk])
                return redirect(f"{url}#message-{message.pk}")
    else:
        form = ReplyForm(video=video)
        services.mark_read(thread=thread, user=request.user)
    return render(
        request, "conversations/thread.html", _thread_context(request, thread, form), status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_edit(request, pk: int, message_pk: int):
    thread = _thread_or_404(request.user, pk)
    message = Message.objects.filter(
        pk=message_pk, thread=thread, author=request.user, hidden_at__isnull=True
    ).first()
    if message is None:
        raise Http404
    thread_url = reverse("conversations:thread", args=[thread.pk])
    if timezone.now() - message.created_at > services.EDIT_WINDOW:
        messages.error(request, _("A message can only be edited within 5 minutes of sending it."))
        return redirect(thread_url)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.edit_message(
                    message=message, actor=request.user, body=form.cleaned_data["body"]
                )
            except ConversationError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("Your message has been corrected."))
                return redirect(f"{thread_url}#message-{message.pk}")
    else:
        form = EditForm(initial={"body": message.body})
    return render(
        request, "conversations/edit.html", {"thread": thread, "message": message, "form": form}
    )


@login_required
@require_POST
def thread_close(request, pk: int):
    thread = _thread_or_404(request.user, pk)
    try:
        services.close(thread=thread, actor=request.user)
    except ConversationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The conversation is closed. Write in it to reopen it."))
    return redirect("conversations:thread", pk=thread.pk)
