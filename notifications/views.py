from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import safe_next_url

from . import selectors, services
from .kinds import parse_kind
from .models import Notification


def _own_notification(request, pk: int) -> Notification:
    """The signed-in user's notification `pk`; 404 for anyone else's."""
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


@login_required
@require_GET
def inbox(request):
    state = request.GET.get("state")
    if state not in selectors.STATES:
        state = selectors.STATE_ALL
    kind = parse_kind(request.GET.get("kind"))
    notifications = selectors.notifications_for(request.user, state=state, kind=kind)
    page = Paginator(notifications, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page,
            "unread": selectors.unread_count(request.user),
            "state": state,
            "kind": kind,
            "kinds": selectors.filter_kinds(request.user),
            "filtered": state != selectors.STATE_ALL or kind is not None,
        },
    )


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark the notification read and go to its object (a local page the user may
    open; otherwise back to the inbox)."""
    notification = _own_notification(request, pk)
    services.open_notification(user=request.user, notification=notification)
    return redirect(safe_next_url(request, notification.url) or "notifications:inbox")


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = _own_notification(request, pk)
    services.mark_read(user=request.user, notification_id=notification.pk)
    return redirect(safe_next_url(request, request.POST.get("next")) or "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_POST
def email_preferences(request):
    """Save the e-mail switches of the profile's "Notifications" tab."""
    try:
        services.set_email_preferences(
            user=request.user, enabled_kinds=request.POST.getlist("email_kinds")
        )
    except services.NotificationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your e-mail notification choices have been saved."))
    return redirect(reverse("accounts:profile") + "#notifications")
