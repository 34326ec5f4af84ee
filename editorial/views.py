"""The editorial desk's home (the inbox, /admin/editorial/) and its planning
(/admin/editorial/planning/), inside the Wagtail admin, for the editorial
managers and the administrators. Thin: the data comes from
`editorial.selectors.desk`."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.permissions import is_desk_staff

from .admin_views import request_actions
from .forms_admin import PlanningFilterForm
from .models import CrewRole
from .selectors import desk as selectors

INBOX_LIMIT = 200
WEEK, MONTH = "week", "month"


def _check(request) -> None:
    if not is_desk_staff(request.user):
        raise PermissionDenied


def desk(request):
    """The inbox: new requests and those under review (urgent first, then by
    event date) with their decisions, and the missions to watch: crew not
    confirmed yet (late ones flagged) and missions ahead without a journalist."""
    _check(request)
    now = timezone.now()
    rows = [
        {"coverage": coverage, "actions": request_actions(coverage)}
        for coverage in selectors.inbox()[:INBOX_LIMIT]
    ]
    unconfirmed = [
        {"assignment": a, "overdue": selectors.is_overdue(a, now)}
        for a in selectors.unconfirmed_assignments(now)[:100]
    ]
    horizon = now + dt.timedelta(days=14)
    ahead = list(selectors.missions_ahead(now).filter(starts_at__lt=horizon)[:100])
    unstaffed = [
        m for m in ahead if not any(a.role == CrewRole.JOURNALIST for a in m.active_assignments)
    ]
    untold = [m for m in ahead if any(a.notified_at is None for a in m.active_assignments)]
    return TemplateResponse(
        request,
        "editorial/admin/inbox.html",
        {
            "page_title": _("Newsroom inbox"),
            "rows": rows,
            "unconfirmed": unconfirmed,
            "overdue_count": sum(1 for item in unconfirmed if item["overdue"]),
            "unstaffed": unstaffed,
            "untold": untold,
            "planning_url": reverse("editorial_planning"),
            "requests_url": reverse("editorial_requests:index"),
            "reminder_hours": settings.EDITORIAL_REMINDER_HOURS,
        },
    )


def _period(view: str, around: dt.date) -> tuple[dt.date, dt.date]:
    if view == MONTH:
        start = around.replace(day=1)
        days = calendar.monthrange(start.year, start.month)[1]
        return start, start + dt.timedelta(days=days)
    start = around - dt.timedelta(days=around.weekday())
    return start, start + dt.timedelta(days=7)


def _shift(view: str, start: dt.date, step: int) -> dt.date:
    if view == MONTH:
        month = start.month - 1 + step
        return dt.date(start.year + month // 12, month % 12 + 1, 1)
    return start + dt.timedelta(days=7 * step)


def planning(request):
    """Week or month calendar of the missions, by person and by day, filtered
    by role and person; conflicts and unconfirmed crew highlighted."""
    _check(request)
    form = PlanningFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    view = data.get("view") or WEEK
    around = data.get("date") or timezone.localdate()
    role = data.get("role") or None
    member = data.get("member")
    start, end = _period(view, around)
    plan = selectors.planning(start, end, role=role, member_id=member.pk if member else None)

    def link(day: dt.date) -> str:
        params = {"view": view, "date": day.isoformat()}
        if role:
            params["role"] = role
        if member:
            params["member"] = member.pk
        return f"{reverse('editorial_planning')}?{urlencode(params)}"

    by_day = plan.by_day()
    weeks = []
    if view == MONTH:
        first = start - dt.timedelta(days=start.weekday())
        day = first
        while day < end:
            weeks.append(
                [
                    {
                        "day": d,
                        "in_month": start <= d < end,
                        "missions": by_day.get(d, []),
                    }
                    for d in (day + dt.timedelta(days=i) for i in range(7))
                ]
            )
            day += dt.timedelta(days=7)
    return TemplateResponse(
        request,
        "editorial/admin/planning.html",
        {
            "page_title": _("Newsroom planning"),
            "form": form,
            "view": view,
            "start": start,
            "last_day": end - dt.timedelta(days=1),
            "plan": plan,
            "days": plan.days,
            "by_day": [(day, by_day[day]) for day in plan.days],
            "by_member": plan.by_member() if view == WEEK else [],
            "weeks": weeks,
            "previous_url": link(_shift(view, start, -1)),
            "next_url": link(_shift(view, start, 1)),
            "today_url": link(timezone.localdate()),
            "week_url": link(start if view == WEEK else around).replace(
                f"view={view}", "view=week"
            ),
            "month_url": link(start).replace(f"view={view}", "view=month"),
            "today": timezone.localdate(),
            "planning_path": request.get_full_path(),
        },
    )
