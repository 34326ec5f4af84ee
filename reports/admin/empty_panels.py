"""Wagtail's own home panels that have nothing to show are left out.

The workflow panels, the locked pages and the recent edits each run their
queries and render a template that prints nothing when they are empty — which
is the daily case of the commercial team, who approve campaigns, not pages.
One query tells which of them have something (is any workflow in progress,
does the user hold a lock, has the user edited a page); only those are kept,
unchanged."""

from __future__ import annotations

from django.db.models import Exists
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Page, PageLogEntry, WorkflowState


def _what_to_show(user) -> dict[str, bool]:
    """{"workflows", "locks", "edits"}: one query."""
    row = (
        Page.objects.filter(depth=1)
        .annotate(
            workflows=Exists(WorkflowState.objects.active()),
            locks=Exists(Page.objects.filter(locked=True, locked_by=user)),
            edits=Exists(PageLogEntry.objects.filter(user=user, action="wagtail.edit")),
        )
        .values("workflows", "locks", "edits")
        .first()
    )
    return row or {"workflows": True, "locks": True, "edits": True}


def leave_out_empty_wagtail_panels(request, panels) -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    shown = _what_to_show(user)
    empty: tuple[type, ...] = ()
    if not shown["workflows"]:
        empty += (UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel)
    if not shown["locks"]:
        empty += (LockedPagesPanel,)
    if not shown["edits"]:
        empty += (RecentEditsPanel,)
    if empty:
        panels[:] = [panel for panel in panels if type(panel) not in empty]
