"""The polling side of an open thread page (`/messages/<pk>/new/?after=<id>`):
the messages that arrived after the one the page shows last, rendered for the
reader as the WebSocket sends them, and the unread-thread count of the badge.
Used by static/js/conversation_live.js while the socket is down and to catch up
after it reconnects. With `seen=1` (the page is in front of the reader) the
thread is marked read up to what the page now shows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import live_pages as live
from . import selectors, services


@never_cache
@login_required
@require_GET
def new_messages(request, pk: int):
    thread = selectors.visible_threads(request.user).filter(pk=pk).first()
    if thread is None:
        raise Http404
    raw = request.GET.get("after", "0").strip() or "0"
    if not raw.isdigit() or len(raw) > 18:
        return HttpResponseBadRequest("after")
    after = int(raw)
    messages = live.new_messages(request.user, thread, after=after)
    shown = messages[-1].pk if messages else after
    if request.GET.get("seen") == "1" and shown:
        services.mark_read(
            thread=thread, user=request.user, up_to=min(shown, thread.last_message_id)
        )
    return JsonResponse(
        {
            "messages": live.message_payloads(request.user, thread, messages),
            "last": shown,
            "unread": selectors.unread_thread_count(request.user),
        }
    )
