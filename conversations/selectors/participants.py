"""Who takes part in a thread, and so who hears of a new message: the
advertiser's side (the company's users when the thread is visible to it, the
person who opened it when they do not answer it) and the staff side (the
assignee, or the whole team when nobody is assigned)."""

from __future__ import annotations

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role

from ..models import TEAM_ROLES, Message, Thread
from .access import is_staff_side


def team_members(thread: Thread) -> list:
    """The active users who answer `thread` (its team's role)."""
    role = TEAM_ROLES.get(thread.team, Role.ADMINISTRATOR)
    return list(
        User.objects.filter(is_active=True, groups__name=GROUP_NAMES[role])
        .distinct()
        .order_by("pk")
    )


def staff_side(thread: Thread) -> list:
    if thread.assignee_id and thread.assignee.is_active:
        return [thread.assignee]
    return team_members(thread)


def client_side(thread: Thread) -> list:
    people = []
    if thread.advertiser_id and thread.advertiser_visible:
        people = list(
            User.objects.filter(
                advertiser_id=thread.advertiser_id,
                is_active=True,
                groups__name=GROUP_NAMES[Role.ADVERTISER],
            )
            .distinct()
            .order_by("pk")
        )
    creator = thread.created_by
    known = {person.pk for person in people}
    if creator.is_active and creator.pk not in known and not is_staff_side(creator, thread):
        people.append(creator)
    return people


def recipients_of(message: Message) -> list:
    """The people to tell of `message`: the other side of the thread, never its
    author."""
    thread = message.thread
    if is_staff_side(message.author, thread):
        people = client_side(thread)
    else:
        people = staff_side(thread) + client_side(thread)
    seen, result = {message.author_id}, []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result
