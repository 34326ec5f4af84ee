"""The providers' notifications: CSRF-exempt, answered at once; the only thing
taken from them is which reference to check, by a job that asks the provider
itself (payments.services.confirm). Forged or unreadable ones are logged."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.queue import enqueue

from ..conf import require_enabled
from ..models import PaymentEvent, PaymentIntent
from ..providers import NotificationRefused
from ..providers.registry import PROVIDERS, get_provider
from ..services.events import record_event

MAX_BODY = 64 * 1024


def raw_payload(request) -> dict:
    body = request.body[:MAX_BODY]
    try:
        data = json.loads(body) if body[:1] in (b"{", b"[") else None
    except ValueError:
        data = None
    if data is None:
        data = (
            request.POST.dict()
            if request.POST
            else {"body": body.decode("utf-8", "replace")[:4000]}
        )
    return {"data": data if isinstance(data, dict) else {"value": data}}


@csrf_exempt
def notify(request, provider: str):
    require_enabled()  # off: 404 whatever the method
    return _notify(request, provider)


@require_POST
def _notify(request, provider: str):
    if provider not in PROVIDERS:
        raise Http404
    if len(request.body) > MAX_BODY:
        return HttpResponse("too large", status=413, content_type="text/plain")
    try:
        reference = get_provider(provider).parse_notification(request)
    except NotificationRefused as exc:
        record_event(
            PaymentEvent.Kind.FORGED, provider=provider, note=str(exc), payload=raw_payload(request)
        )
        return HttpResponse("refused", status=400, content_type="text/plain")
    record_event(
        PaymentEvent.Kind.NOTIFICATION,
        intent=PaymentIntent.objects.filter(reference=reference).first(),
        provider=provider,
        reference=reference,
        payload=raw_payload(request),
    )
    enqueue("payments.tasks.confirm_notified", reference, task_name=f"confirm {reference}"[:100])
    return HttpResponse("OK", content_type="text/plain")
