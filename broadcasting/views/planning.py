"""The running order of a day (`/diffusion/?date=YYYY-MM-DD`) or of a week
(`&view=week`), and the same content as a fragment for the live updates
(`/diffusion/fragment/?date=...&view=...`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role, has_role
from core import clock as broadcast_day

from ..exports import FORMATS
from ..models import AiringStatus, BroadcastSettings
from ..selectors import planning
from ..selectors.bands import band_names

DAY = "day"
WEEK = "week"
# Dates outside this range are refused (and the arrows never leave it).
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)

PLANNING_ROLES = (Role.BROADCASTER, Role.ADMINISTRATOR)


def parse_day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date within FIRST_DAY..LAST_DAY, else None."""
    value = (value or "").strip()
    if len(value) != 10:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


@dataclass(frozen=True)
class Period:
    """What the page shows: one broadcast day, or the Monday–Sunday week of
    `day`; and the links that move around it."""

    view: str
    day: dt.date

    @property
    def is_week(self) -> bool:
        return self.view == WEEK

    @property
    def first(self) -> dt.date:
        return planning.week_monday(self.day) if self.is_week else self.day

    @property
    def last(self) -> dt.date:
        return self.first + dt.timedelta(days=6) if self.is_week else self.day

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def step(self) -> dt.timedelta:
        return dt.timedelta(days=7 if self.is_week else 1)

    def query(self, day: dt.date | None = None, view: str | None = None) -> str:
        view = view or self.view
        params = {"date": (day or self.day).isoformat()}
        if view == WEEK:
            params["view"] = WEEK
        return urlencode(params)

    def _url(self, name: str, day=None, view=None, **kwargs) -> str:
        return f"{reverse(name, kwargs=kwargs or None)}?{self.query(day, view)}"

    def url(self, day=None, view=None) -> str:
        return self._url("broadcasting:dashboard", day, view)

    @property
    def previous_url(self) -> str | None:
        previous = self.day - self.step
        return self.url(previous) if previous >= FIRST_DAY else None

    @property
    def next_url(self) -> str | None:
        following = self.day + self.step
        return self.url(following) if following <= LAST_DAY else None

    @property
    def today_url(self) -> str:
        return self.url(broadcast_day.today())

    @property
    def day_view_url(self) -> str:
        return self.url(view=DAY)

    @property
    def week_view_url(self) -> str:
        return self.url(view=WEEK)

    @property
    def fragment_url(self) -> str:
        return self._url("broadcasting:fragment")

    @property
    def export_urls(self) -> dict[str, str]:
        return {fmt: self._url("broadcasting:export", fmt=fmt) for fmt in FORMATS}

    @property
    def days_attr(self) -> str:
        """The days shown, for the live script (space-separated ISO dates)."""
        return " ".join(day.isoformat() for day in self.days)


def read_period(request, *, warn: bool = True) -> Period:
    """The period asked by `?date=` and `?view=`; today's broadcast day when the
    date is missing or invalid (with a message when `warn`)."""
    view = WEEK if request.GET.get("view") == WEEK else DAY
    raw = request.GET.get("date", "")
    day = parse_day(raw)
    if day is None and raw.strip() and warn:
        messages.warning(
            request,
            _("“%(value)s” is not a valid date (YYYY-MM-DD): here is today's running order.")
            % {"value": raw.strip()[:40]},
        )
    return Period(view=view, day=day or broadcast_day.today())


def _with_undo_rights(rows, user, *, now, window: dt.timedelta) -> None:
    """Mark which confirmations `user` may undo from the page: their own within
    the undo window, or any of them for an administrator (with a reason)."""
    is_admin = has_role(user, Role.ADMINISTRATOR)
    undo_text = _("Undo (until %(until)s)")
    confirmed = (AiringStatus.AIRED, AiringStatus.MISSED)
    for brk in rows:
        for row in brk.airings:
            airing = row.airing
            if airing.status not in confirmed:
                continue
            own = (
                airing.confirmed_by_id == user.pk
                and airing.confirmed_at is not None
                and now - airing.confirmed_at <= window
            )
            row.can_undo = own
            row.undo_until = airing.confirmed_at + window if own else None
            row.admin_undo = is_admin and not own
            if own:
                until = timezone.localtime(row.undo_until)
                row.undo_label = undo_text % {"until": f"{until:%H:%M}"}


def live_context(request, period: Period) -> dict:
    """What both the page and its live fragment show."""
    now = timezone.now()
    today = broadcast_day.day_of(now)
    context = {
        "period": period,
        "today": today,
        # The days whose changes move the header's late count (for the live script).
        "header_days": f"{today - dt.timedelta(days=1):%Y-%m-%d} {today:%Y-%m-%d}",
        "now": now,
        "late_count": planning.late_count(now=now),
        "upcoming": planning.upcoming(now=now),
        "alert_minutes": planning.ALERT_MINUTES,
        # Band code -> name for the badges (read once per page, remembered between).
        "band_names": band_names(),
    }
    if period.is_week:
        context["week"] = planning.week_summary(period.first)
    else:
        rows = planning.running_order(period.day, now=now, band_names=context["band_names"])
        window = dt.timedelta(minutes=BroadcastSettings.load(request_or_site=request).undo_minutes)
        _with_undo_rights(rows, request.user, now=now, window=window)
        context["breaks"] = rows
    return context


@never_cache
@role_required(*PLANNING_ROLES)
@require_GET
def dashboard(request):
    """The broadcasters' planning: today's running order by default."""
    period = read_period(request)
    return render(request, "broadcasting/dashboard.html", live_context(request, period))


@never_cache
@role_required(*PLANNING_ROLES)
@require_GET
def fragment(request):
    """The live part of the page alone, fetched by static/js/planning_live.js when
    the days shown change (or every 30 s while the socket is down)."""
    period = read_period(request, warn=False)
    break_id = request.GET.get("break", "")
    if break_id:  # the rows of one collapsed break, opened by the broadcaster
        if not break_id.isdigit():
            raise Http404
        return _break_rows(request, period, int(break_id))
    return render(request, "broadcasting/_live.html", live_context(request, period))


def _break_rows(request, period: Period, break_id: int):
    now = timezone.now()
    rows = planning.running_order(period.day, now=now, break_id=break_id)
    if not rows:
        raise Http404
    window = dt.timedelta(minutes=BroadcastSettings.load(request_or_site=request).undo_minutes)
    _with_undo_rights(rows, request.user, now=now, window=window)
    context = {"row": rows[0], "period": period}
    return render(request, "broadcasting/_airings.html", context)


@role_required(*PLANNING_ROLES)
@require_GET
def spot_report(request, pk: int):
    """A spot's technical report alone, loaded by static/js/planning_live.js when
    a broadcaster opens it (the day page does not carry every report)."""
    from accounts.roles import Role, has_role
    from campaigns.media_checks import SpotReport
    from campaigns.models import Spot

    spots = Spot.objects.all()
    if not has_role(request.user, Role.ADMINISTRATOR):
        spots = spots.approved()  # broadcasters read the spots they play, as for the media
    data = get_object_or_404(spots.values_list("technical_report", flat=True), pk=pk)
    report = SpotReport.from_dict(data) if data else None
    response = render(request, "broadcasting/_technical_report.html", {"report": report})
    response["Cache-Control"] = "private, max-age=300"
    return response
