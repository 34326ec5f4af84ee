""" "Parler à l'équipe": who asks decides where the exchange goes.

- an advertiser's user: a conversation (issue 17) is opened for their company,
  its first message the transcript of the session's questions and answers;
- the station's staff: nothing is opened (the button is for the clients);
- anyone else (a visitor, a requester without a role): the contact form, which
  the page pre-fills with the question (and the WhatsApp link when enabled).

The question is marked as handed to the team except for the staff."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from conversations.models import ThreadKind
from conversations.selectors.access import is_staff
from conversations.services.threads import open_thread

from . import questions

TITLE_MAX = 200
BODY_MAX = 10_000  # conversations.services.rules.MAX_BODY_CHARS


class HandOffKind:
    THREAD = "thread"
    STAFF = "staff"
    CONTACT = "contact"


@dataclass(frozen=True)
class HandOff:
    kind: str  # HandOffKind
    url: str = ""  # the thread's page (THREAD)
    message: str = ""  # what the page says (STAFF)


def transcript(exchanges: Sequence[dict]) -> str:
    """The session's questions and answers as plain text, the last ones kept
    when all would not fit in one message."""
    header = _("Conversation with the help assistant of the site:")
    blocks: list[str] = []
    size = len(header) + 2
    for item in reversed(list(exchanges)):
        block = "\n".join(
            [
                _("Question: %(text)s") % {"text": item.get("question", "")},
                _("Answer: %(text)s") % {"text": item.get("answer", "") or "—"},
            ]
        )
        if size + len(block) + 2 > BODY_MAX:
            break
        blocks.insert(0, block)
        size += len(block) + 2
    return "\n\n".join([header, *blocks])


def _title(question: str) -> str:
    title = _("Question to the help assistant: %(text)s") % {"text": " ".join(question.split())}
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def is_client(user) -> bool:
    """An advertiser's user (not staff) who can open a conversation."""
    return bool(
        user is not None
        and user.is_authenticated
        and has_role(user, Role.ADVERTISER)
        and getattr(user, "advertiser_id", None)
        and not is_staff(user)
    )


@transaction.atomic
def hand_off(*, user, question_id: int, exchanges: Sequence[dict]) -> HandOff:
    """Hand question `question_id` (one of `exchanges`, this session's) to the team.
    A ConversationError (too many conversations opened) or a QuestionError (the
    question was deleted) changes nothing."""
    if user is not None and user.is_authenticated and is_staff(user):
        return HandOff(
            kind=HandOffKind.STAFF,
            message=_(
                "“Talk to the team” puts clients in touch with the station: as a member "
                "of the staff, answer from the admin's “Messages”."
            ),
        )
    if is_client(user):
        asked = next((i for i in exchanges if i.get("id") == question_id), None)
        question = asked.get("question", "") if asked else ""
        thread = open_thread(
            author=user,
            kind=ThreadKind.QUESTION,
            title=_title(question or _("help")),
            body=transcript(exchanges),
        )
        questions.mark_handed_off(question_id=question_id)
        return HandOff(
            kind=HandOffKind.THREAD, url=reverse("conversations:thread", args=[thread.pk])
        )
    questions.mark_handed_off(question_id=question_id)
    return HandOff(kind=HandOffKind.CONTACT)
