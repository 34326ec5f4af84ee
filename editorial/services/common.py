"""What the desk's services share: the line they write in a request's
timeline, who may act on a mission, and the mission's lock and state check.
Imports no other service module (the decisions, the missions and the crew's
confirmation all build on it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.permissions import is_desk_staff

from ..exceptions import EditorialError
from ..models import CoverageEvent, CoverageRequest, CoverageStatus, Mission, MissionStatus

NOTE_MAX = 2000


def log(request: CoverageRequest, *, actor, note: str) -> CoverageEvent:
    """A line in the request's timeline that does not change its status (crew
    assigned, mission moved, crew notified...)."""
    return CoverageEvent.objects.create(
        request=request,
        actor=actor,
        from_status=request.status,
        to_status=request.status,
        note=note[:NOTE_MAX],
    )


def check_mission_actor(actor) -> None:
    """The desk only; None is the site itself (a reminder, a confirmation)."""
    if actor is not None and not is_desk_staff(actor):
        raise EditorialError(_("Only the editorial desk may do this."))


def lock_mission(mission: Mission) -> Mission:
    return Mission.objects.select_for_update().select_related("request").get(pk=mission.pk)


def check_mission_open(mission: Mission) -> None:
    if mission.status != MissionStatus.PLANNED:
        raise EditorialError(
            _("This mission is “%(status)s”: its crew can no longer change.")
            % {"status": mission.get_status_display()}
        )
    if mission.request.status != CoverageStatus.ACCEPTED:
        raise EditorialError(_("Only an accepted request's mission can be staffed."))
