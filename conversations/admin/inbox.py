"""`/admin/messages/` (`conversations_admin:inbox`): the staff's inbox, the
threads they may see (`visible_threads`) in tabs (unassigned, mine, waiting for
the advertiser, closed, all), with filters, a search, 50 per page, an unread
marker per row and the age of the oldest advertiser message left unanswered.
A fixed number of queries whatever the number of threads."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Team, ThreadStatus
from ..selectors import threads_for, visible_threads
from .common import NAMESPACE, StaffView
from .forms import UNASSIGNED, InboxFilterForm, staff_users

PER_PAGE = 50
TABS = (
    ("unassigned", _("Unassigned")),
    ("mine", _("Mine")),
    ("waiting", _("Waiting for the advertiser")),
    ("closed", _("Closed")),
    ("all", _("All")),
)
DEFAULT_TAB = "unassigned"


def format_age(delta: dt.timedelta | None) -> str:
    """ "3 h 10", "2 j 4 h", "25 min": how long something has waited."""
    if delta is None:
        return ""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return gettext("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return gettext("%(hours)s h %(minutes)02d") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}


def oldest_unanswered(user):
    """When the oldest advertiser message still waiting for the staff was sent."""
    return (
        visible_threads(user)
        .filter(status=ThreadStatus.OPEN, awaiting_staff_since__isnull=False)
        .aggregate(oldest=Min("awaiting_staff_since"))["oldest"]
    )


def inbox_threads(user, tab: str, chosen: dict):
    threads = threads_for(
        user,
        kind=chosen.get("kind", ""),
        status=chosen.get("status", ""),
        subject_type=chosen.get("subject", ""),
        search=chosen.get("q", ""),
    ).select_related("advertiser", "assignee")
    if chosen.get("team") in Team.values:
        threads = threads.filter(team=chosen["team"])
    assignee = chosen.get("assignee", "")
    if assignee == UNASSIGNED:
        threads = threads.filter(assignee__isnull=True)
    elif assignee.isdigit():
        threads = threads.filter(assignee_id=int(assignee))
    if tab == "unassigned":
        threads = threads.filter(assignee__isnull=True).exclude(status=ThreadStatus.CLOSED)
    elif tab == "mine":
        threads = threads.filter(assignee=user).exclude(status=ThreadStatus.CLOSED)
    elif tab == "waiting":
        threads = threads.filter(status=ThreadStatus.ANSWERED)
    elif tab == "closed":
        threads = threads.filter(status=ThreadStatus.CLOSED)
    return threads


class InboxView(StaffView):
    template_name = "conversations/admin/inbox.html"
    page_title = _("Messages")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": str(self.page_title)}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tab = self.request.GET.get("tab", DEFAULT_TAB)
        tab = tab if tab in dict(TABS) else DEFAULT_TAB
        assignees = list(staff_users())
        form = InboxFilterForm(self.request.GET or None, assignees=assignees)
        chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = Paginator(inbox_threads(user, tab, chosen), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        now = timezone.now()
        for thread in page:
            thread.waiting = (
                format_age(now - thread.awaiting_staff_since)
                if thread.awaiting_staff_since and thread.status == ThreadStatus.OPEN
                else ""
            )
        oldest = oldest_unanswered(user)
        filters = {key: value for key, value in chosen.items() if value}
        context.update(
            form=form,
            threads=page,
            tab=tab,
            tabs=[
                {
                    "key": key,
                    "label": label,
                    "url": "?" + urlencode({**filters, "tab": key}),
                    "active": key == tab,
                }
                for key, label in TABS
            ],
            page_query=urlencode({**filters, "tab": tab}),
            oldest_age=format_age(now - oldest) if oldest else "",
            new_url=reverse(f"{NAMESPACE}:new"),
        )
        return context
