"""Template helpers of the conversations: `markdown_lite` (a message's text,
rendered safely) and `{% conversation_panel "campaign" campaign.pk %}`, the
"Messages" panel that domain pages include about one of their objects."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from .. import text
from ..selectors import threads_about
from ..selectors.unread_cache import cached_unread_thread_count
from ..subjects import subject_kind

register = template.Library()


@register.filter(is_safe=True)
def markdown_lite(value):
    return text.render(value)


@register.inclusion_tag("conversations/_panel.html", takes_context=True)
def conversation_panel(context, subject_key: str, subject_id, ask_label=None):
    """The threads the user sees about one subject, and a link to ask about it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = subject_kind(subject_key)
    if kind is None or user is None or not user.is_authenticated or subject_id in (None, ""):
        return {"show": False}
    query = urlencode({"subject": f"{subject_key}:{subject_id}"})
    return {
        "show": True,
        "threads": threads_about(user, subject_key, int(subject_id)),
        "ask_url": f"{reverse('conversations:new')}?{query}",
        "ask_label": ask_label or kind.ask_label or kind.label,
        "list_url": f"{reverse('conversations:list')}?{urlencode({'subject': subject_key})}",
    }


@register.simple_tag
def ask_about_url(subject_key: str, subject_id) -> str:
    """The address of a new conversation about one subject."""
    return f"{reverse('conversations:new')}?{urlencode({'subject': f'{subject_key}:{subject_id}'})}"


@register.simple_tag(takes_context=True)
def unread_conversations(context) -> int:
    """The user's unread threads, counted once per request (the navigation shows
    it twice: desktop and phone)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_conversations"):
        request._unread_conversations = cached_unread_thread_count(user)
    return request._unread_conversations
