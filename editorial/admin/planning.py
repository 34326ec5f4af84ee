"""The editorial desk's planning (/admin/editorial/planning/, URL name
`editorial_planning`): a week or a month of missions, by person and by day,
filtered by role and person; conflicts and unconfirmed crew highlighted. Thin:
the data comes from `editorial.selectors.planning`."""

from __future__ import annotations

import calendar
import datetime as dt

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..selectors import planning as selectors
from .forms import PlanningFilterForm
from .policies import DeskScreenViewSet, check_desk

WEEK, MONTH = "week", "month"


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
    check_desk(request)
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


class PlanningViewSet(DeskScreenViewSet):
    name = "editorial_planning"
    url_name = "editorial_planning"
    icon = "calendar"
    menu_label = gettext_lazy("Planning")
    menu_order = 300
