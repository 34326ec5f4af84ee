"""The advertiser's side of broadcasting: the calendar of their own airings
(`/broadcasts/`), broadcast certificates as PDF, and the public check of a
certificate (`/verify/<code>/`)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.permissions import role_required
from accounts.roles import Role
from core import throttle

from .. import certificate_pdf
from ..exceptions import BroadcastError
from ..selectors import advertiser as selectors
from ..selectors import advertiser_calendar, calendar_markup
from ..services import certificates

VERIFY_SCOPE = "certificate-verify"


def _calendar_url(**params) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("broadcasts:calendar")
    return f"{url}?{query}" if query else url


def _counts(rows: list[selectors.AiringRow]) -> dict[str, int]:
    counts = dict.fromkeys(("planned", "aired", "missed", "make_good"), 0)
    for row in rows:
        status = row.airing.status
        counts[status] = counts.get(status, 0) + 1
        if row.key == selectors.MAKE_GOOD:
            counts["make_good"] += 1
    counts["total"] = counts["planned"] + counts["aired"] + counts["missed"]
    return counts


@require_GET
@role_required(Role.ADVERTISER)
def calendar(request):
    """The month (default) or week of the advertiser's airings, optionally of
    one of their campaigns."""
    advertiser_id = request.user.advertiser_id
    today = timezone.localdate()
    campaign = None
    campaign_param = request.GET.get("campaign", "").strip()
    if campaign_param:
        campaign = selectors.own_campaign(advertiser_id, campaign_param)
    campaign_key = str(campaign.uuid) if campaign else ""

    if request.GET.get("view") == "week":
        view = "week"
        day, understood = selectors.parse_day(request.GET.get("date"), today)
        if not understood:
            messages.warning(request, _("This date could not be read: here is the current week."))
        start, end = selectors.week_bounds(day)
        previous = _calendar_url(
            view="week", date=(start - dt.timedelta(days=7)).isoformat(), campaign=campaign_key
        )
        following = _calendar_url(
            view="week", date=(start + dt.timedelta(days=7)).isoformat(), campaign=campaign_key
        )
        current = _calendar_url(view="week", campaign=campaign_key)
        other_view = _calendar_url(month=start.strftime("%Y-%m"), campaign=campaign_key)
    else:
        view = "month"
        first, understood = selectors.parse_month(request.GET.get("month"), today)
        if not understood:
            messages.warning(request, _("This month could not be read: here is the current month."))
        start, end = selectors.month_bounds(first)
        previous = _calendar_url(
            month=selectors.shift_month(first, -1).strftime("%Y-%m"), campaign=campaign_key
        )
        following = _calendar_url(
            month=selectors.shift_month(first, 1).strftime("%Y-%m"), campaign=campaign_key
        )
        current = _calendar_url(campaign=campaign_key)
        week_day = today if start <= today <= end else start
        other_view = _calendar_url(view="week", date=week_day.isoformat(), campaign=campaign_key)

    airings = advertiser_calendar.calendar_airings(
        advertiser_id, start=start, end=end, campaign=campaign
    )
    rows = advertiser_calendar.calendar_rows(airings)
    choices = selectors.campaigns_with_airings(advertiser_id)
    if campaign is not None and all(choice.pk != campaign.pk for choice in choices):
        choices.append(campaign)
    weeks = selectors.calendar_weeks(start, end, rows, today, pad=view == "month")
    return render(
        request,
        "broadcasting/advertiser/calendar.html",
        {
            "view": view,
            "start": start,
            "end": end,
            "weeks": weeks,
            "days": calendar_markup.with_entries(
                [day for week in weeks for day in week], detailed=view == "week"
            ),
            "rows": rows,
            "counts": _counts(rows),
            "legend": selectors.legend(),
            "campaign": campaign,
            "campaign_choices": choices,
            "previous_url": previous,
            "next_url": following,
            "current_url": current,
            "other_view_url": other_view,
            "month_value": start.strftime("%Y-%m"),
            "week_value": start.isoformat(),
            "max_period_days": certificates.MAX_PERIOD_DAYS,
        },
    )


def _pdf_response(certificate, airings) -> HttpResponse:
    pdf = certificate_pdf.render_certificate_pdf(certificate, airings)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate_pdf.filename(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@role_required(Role.ADVERTISER)
def campaign_certificate(request, uuid):
    """The certificate of one of the advertiser's campaigns (its aired airings)."""
    campaign = selectors.own_campaign(request.user.advertiser_id, uuid)
    try:
        certificate, airings = certificates.issue_certificate(
            advertiser=request.user.advertiser, issued_by=request.user, campaign=campaign
        )
    except BroadcastError as error:
        messages.error(request, error.message)
        return redirect(campaign.get_absolute_url())
    return _pdf_response(certificate, airings)


@require_GET
@role_required(Role.ADVERTISER)
def period_certificate(request):
    """The certificate of the advertiser's aired airings over `?start=&end=`."""
    advertiser = request.user.advertiser
    if advertiser is None:
        raise Http404
    try:
        start, end = certificates.parse_period(request.GET.get("start"), request.GET.get("end"))
        certificate, airings = certificates.issue_certificate(
            advertiser=advertiser, issued_by=request.user, start=start, end=end
        )
    except BroadcastError as error:
        messages.error(request, error.message)
        return redirect("broadcasts:calendar")
    return _pdf_response(certificate, airings)


# --- Public check ---------------------------------------------------------------------
def _verify_rate() -> int:
    return getattr(settings, "CERTIFICATE_VERIFY_RATE_PER_MINUTE", 20)


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request) -> HttpResponse:
    response = render(
        request,
        "broadcasting/verify_error.html",
        {
            "status": "429",
            "title": _("Too many checks"),
            "text": _(
                "Too many certificate checks from your connection. Wait a minute and try again."
            ),
        },
        status=429,
    )
    response["Retry-After"] = "60"
    return _noindex(response)


@require_GET
def verify_form(request):
    """Where a third party types the code printed on a certificate."""
    typed = request.GET.get("code")
    if typed is not None:
        code = certificates.normalise_code(typed)
        if code:
            return redirect("verify:certificate", code=code)
        messages.error(request, _("This is not a certificate code: check what you typed."))
    return _noindex(render(request, "broadcasting/verify.html", {"certificate": None}))


@require_GET
def verify(request, code):
    """Public: says whether a certificate is genuine and shows its summary only."""
    if not throttle.allow(request, scope=VERIFY_SCOPE, per_minute=_verify_rate()):
        return _too_many(request)
    certificate = certificates.verify(code)
    if certificate is None:
        return _noindex(
            render(
                request,
                "broadcasting/verify_error.html",
                {
                    "status": "404",
                    "title": _("Unknown certificate"),
                    "text": _(
                        "No broadcast certificate has this code. Check the code printed "
                        "on the certificate, or contact BF1."
                    ),
                },
                status=404,
            )
        )
    return _noindex(
        render(
            request,
            "broadcasting/verify.html",
            {
                "certificate": certificate,
                "matches": certificates.still_matches(certificate),
                "duration": certificates.duration(certificate.total_seconds),
            },
        )
    )
