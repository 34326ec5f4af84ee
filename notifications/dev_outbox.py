"""The development outbox, /dev/outbox/: the e-mails the site sent (OutgoingEmail
rows, newest first) with their links clickable, so that a developer follows a
confirmation or password-reset link without an SMTP server.

Mounted by bf1portal/urls.py only when DEBUG is on, and the view answers 404
again when DEBUG is off. It opens to the machine itself (a request from
127.0.0.1 or ::1: someone testing registration is not signed in yet, and the
links they need are in these e-mails) and to signed-in staff; anyone else
reaching a dev server started on 0.0.0.0 gets a 404, since these e-mails carry
sign-in links."""

from __future__ import annotations

import ipaddress
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import OutgoingEmail

PER_PAGE = 30
_LINK = re.compile(r"https?://[^\s<>\"']+")


def _from_this_machine(request) -> bool:
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def may_see_outbox(request) -> bool:
    if not settings.DEBUG:
        return False
    return _from_this_machine(request) or (request.user.is_authenticated and request.user.is_staff)


def links_of(text: str) -> list[str]:
    """The distinct links of an e-mail's text, in order (a closing period or
    parenthesis of the sentence is not part of the link)."""
    seen: list[str] = []
    for match in _LINK.findall(text or ""):
        link = match.rstrip(".,;:!?)»")
        if link not in seen:
            seen.append(link)
    return seen


@never_cache
@require_GET
def outbox(request):
    if not may_see_outbox(request):
        raise Http404
    page = Paginator(OutgoingEmail.objects.all(), PER_PAGE).get_page(request.GET.get("page"))
    emails = [{"email": email, "links": links_of(email.body)} for email in page]
    return render(request, "notifications/dev_outbox.html", {"page_obj": page, "emails": emails})


app_name = "dev_outbox"
urlpatterns = [path("", outbox, name="list")]
