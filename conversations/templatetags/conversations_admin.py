"""`{% staff_conversation_panel "campaign" campaign.pk %}`: the "Messages" panel of
an admin page about one object (the admin campaign page): the threads the user
sees about it, each linking to the admin thread, and a link to write to the
advertiser about it."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..admin.common import NAMESPACE, is_conversation_staff
from ..selectors import threads_about
from ..subjects import subject_kind

register = template.Library()


@register.inclusion_tag("conversations/admin/_subject_panel.html", takes_context=True)
def staff_conversation_panel(context, subject_key: str, subject_id):
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        subject_kind(subject_key) is None
        or subject_id in (None, "")
        or not is_conversation_staff(user)
    ):
        return {"show": False}
    query = urlencode({"subject": f"{subject_key}:{subject_id}"})
    return {
        "show": True,
        "threads": threads_about(user, subject_key, int(subject_id), limit=10),
        "new_url": f"{reverse(f'{NAMESPACE}:new')}?{query}",
    }
