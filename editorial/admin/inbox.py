"""The editorial desk's home, its inbox (/admin/editorial/, URL name
`editorial_desk`), for the editorial managers and the administrators: the
requests waiting for a decision and the missions to watch. Thin: the data comes
from `editorial.selectors.desk`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CrewRole
from ..selectors import desk as selectors
from .common import request_actions
from .policies import DeskScreenViewSet, check_desk

INBOX_LIMIT = 200


def desk(request):
    """The inbox: new requests and those under review (urgent first, then by
    event date) with their decisions, and the missions to watch: crew not
    confirmed yet (late ones flagged) and missions ahead without a journalist."""
    check_desk(request)
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


class InboxViewSet(DeskScreenViewSet):
    name = "editorial_inbox"
    url_name = "editorial_desk"
    icon = "mail"
    menu_label = gettext_lazy("Inbox")
    menu_order = 100
