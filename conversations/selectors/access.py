"""Who sees which thread: the one rule every view, the media check and the
notices go through (a thread that is not in `visible_threads(user)` answers 404).

- administrators (the commercial team, superusers): every thread;
- an advertiser's users: their company's threads that are visible to it;
- editorial managers: the newsroom's threads (coverage requests);
- broadcasters: every problem report;
- accountants: the billing team's threads;
- a signed-in user without a role (a coverage requester): the threads they opened.
A user with several roles sees the union; inactive and anonymous users see none."""

from __future__ import annotations

from django.db.models import Q

from accounts.roles import Role, roles_of

from ..models import TEAM_ROLES, Team, Thread, ThreadKind

STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.EDITORIAL, Role.BROADCASTER, Role.ACCOUNTANT})


def visibility_filter(user) -> Q | None:
    """The Q of the threads `user` sees, or None when they see none."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = roles_of(user)
    if Role.ADMINISTRATOR in roles:
        return Q()
    parts: list[Q] = []
    if Role.ADVERTISER in roles and user.advertiser_id:
        parts.append(Q(advertiser_id=user.advertiser_id, advertiser_visible=True))
    if Role.EDITORIAL in roles:
        parts.append(Q(team=Team.NEWSROOM))
    if Role.BROADCASTER in roles:
        parts.append(Q(kind=ThreadKind.PROBLEM))
    if Role.ACCOUNTANT in roles:
        parts.append(Q(team=Team.BILLING))
    if not roles:
        parts.append(Q(created_by_id=user.pk))
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def visible_threads(user):
    """The threads `user` may read (a queryset, unordered beyond the default)."""
    condition = visibility_filter(user)
    if condition is None:
        return Thread.objects.none()
    return Thread.objects.filter(condition)


def is_staff(user) -> bool:
    """Station staff (any staff role), as opposed to an advertiser or a requester."""
    return bool(roles_of(user) & STAFF_ROLES)


def is_staff_side(user, thread: Thread) -> bool:
    """Whether `user` answers `thread` for the station: an administrator, or a
    member of the thread's team (a broadcaster who reported a problem is the one
    asking, not answering)."""
    roles = roles_of(user)
    if Role.ADMINISTRATOR in roles:
        return True
    return TEAM_ROLES.get(thread.team) in roles


def can_see(user, thread: Thread) -> bool:
    return visible_threads(user).filter(pk=thread.pk).exists()
