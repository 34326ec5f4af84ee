"""Opening a thread and the staff's moves on it: assign, close, share a problem
report with the advertiser. Every move is logged as a ThreadEvent."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role

from .. import notices
from ..exceptions import ConversationError
from ..models import (
    ProblemType,
    Team,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadKind,
    ThreadStatus,
)
from ..selectors.access import can_see, is_staff, is_staff_side
from ..subjects import resolve_subject, subject_kind
from . import rules
from .messages import add_message


def _field_error(field: str, message: str) -> ConversationError:
    return ConversationError(message, field_errors={field: [message]})


def _subject(author, subject_type: str, subject_id: int | None):
    """(registered kind, object) of the subject, checked against `author`."""
    kind = subject_kind(subject_type)
    subject = resolve_subject(subject_type, subject_id) if kind and subject_id else None
    if subject is None or not kind.may_discuss(author, subject):
        raise _field_error("subject", _("This subject does not exist or is not yours."))
    return kind, subject


def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise _field_error("title", _("Give the conversation a title."))
    if len(title) > 200:
        raise _field_error("title", _("The title may have 200 characters at most."))
    return title


@transaction.atomic
def open_thread(
    *,
    author,
    kind: str,
    title: str,
    body: str,
    files=(),
    subject_type: str = "",
    subject_id: int | None = None,
    problem_type: str = "",
    advertiser=None,
    advertiser_visible: bool | None = None,
    team: str | None = None,
) -> Thread:
    """Open a thread with its first message. An advertiser's user writes for their
    company; the staff name the advertiser (or the subject gives it). A problem
    report opened by the staff stays hidden from the advertiser until shared.
    Refused with a ConversationError before anything is written or stored."""
    now = timezone.now()
    if kind not in ThreadKind.values:
        raise _field_error("kind", _("Choose the kind of conversation."))
    if kind == ThreadKind.PROBLEM:
        if problem_type not in ProblemType.values:
            raise _field_error("problem_type", _("Choose the kind of problem."))
    else:
        problem_type = ""
    title = _clean_title(title)
    subject_kind_, subject, label = None, None, ""
    if subject_type:
        subject_kind_, subject = _subject(author, subject_type, subject_id)
        label = str(subject_kind_.describe(subject))[:200]
    else:
        subject_id = None
    text = rules.clean_body(body)
    accepted = rules.checked_files(files, kind=kind, subject_type=subject_type)
    rules.check_new_thread_budget(author, now)
    rules.check_message_budget(author, now)

    advertiser_id = getattr(advertiser, "pk", advertiser)
    if subject is not None:
        advertiser_id = subject_kind_.advertiser_id(subject) or advertiser_id
    if has_role(author, Role.ADVERTISER) and not is_staff(author):
        # The subject's may_discuss checked it (an agency writes about its clients'
        # invoices): the thread belongs to the author's company.
        if not author.advertiser_id:
            raise _field_error("subject", _("This subject does not exist or is not yours."))
        advertiser_id = author.advertiser_id
    if advertiser_visible is None:
        advertiser_visible = not (kind == ThreadKind.PROBLEM and is_staff(author))
    if team is None:
        if kind == ThreadKind.PROBLEM:
            team = Team.COMMERCIAL
        else:
            team = subject_kind_.team if subject_kind_ else Team.COMMERCIAL
    thread = Thread.objects.create(
        title=title,
        kind=kind,
        problem_type=problem_type,
        team=team,
        advertiser_id=advertiser_id or None,
        advertiser_visible=bool(advertiser_visible and advertiser_id),
        subject_type=subject_type or "",
        subject_id=subject_id,
        subject_label=label,
        created_by=author,
        last_message_at=now,
    )
    if not can_see(author, thread):
        raise ConversationError(_("You cannot open this kind of conversation."))
    ThreadEvent.objects.create(thread=thread, actor=author, kind=ThreadEventKind.OPENED)
    add_message(thread=thread, author=author, body=text, accepted=accepted)
    thread.refresh_from_db()
    return thread


def _staff_only(actor, thread: Thread) -> None:
    if not (can_see(actor, thread) and is_staff_side(actor, thread)):
        raise ConversationError(_("Only the station's staff can do this."))


@transaction.atomic
def assign(*, thread: Thread, actor, assignee) -> Thread:
    """Give `thread` to a member of its team (None: to nobody)."""
    _staff_only(actor, thread)
    if assignee is not None and not (assignee.is_active and is_staff_side(assignee, thread)):
        raise _field_error("assignee", _("This person does not answer this kind of conversation."))
    thread.assignee = assignee
    thread.save(update_fields=["assignee"])
    ThreadEvent.objects.create(
        thread=thread,
        actor=actor,
        kind=ThreadEventKind.ASSIGNED,
        detail=(assignee.get_full_name() or assignee.email) if assignee else "",
    )
    return thread


@transaction.atomic
def close(*, thread: Thread, actor) -> Thread:
    """Close `thread` (the staff, or the person who opened it). A new message
    reopens it within 90 days."""
    if not can_see(actor, thread) or not (
        is_staff_side(actor, thread) or thread.created_by_id == actor.pk
    ):
        raise ConversationError(_("You cannot close this conversation."))
    if thread.is_closed:
        raise ConversationError(_("This conversation is already closed."))
    thread.status = ThreadStatus.CLOSED
    thread.closed_at = timezone.now()
    thread.awaiting_staff_since = None
    thread.save(update_fields=["status", "closed_at", "awaiting_staff_since"])
    ThreadEvent.objects.create(thread=thread, actor=actor, kind=ThreadEventKind.CLOSED)
    return thread


@transaction.atomic
def share_with_advertiser(*, thread: Thread, actor) -> Thread:
    """Show a staff-only thread (a broadcaster's problem report) to the advertiser,
    who is told of it."""
    _staff_only(actor, thread)
    if not thread.advertiser_id:
        raise ConversationError(_("This conversation concerns no advertiser."))
    if thread.advertiser_visible:
        return thread
    thread.advertiser_visible = True
    thread.save(update_fields=["advertiser_visible"])
    ThreadEvent.objects.create(thread=thread, actor=actor, kind=ThreadEventKind.SHARED)
    transaction.on_commit(lambda: notices.thread_shared(thread))
    return thread
