from __future__ import annotations

from ..models import PaymentEvent


def record_event(
    kind: str, *, intent=None, provider="", reference="", note="", payload=None, actor=None
):
    """Append one event (never updated nor deleted)."""
    return PaymentEvent.objects.create(
        intent=intent,
        provider=provider or (intent.provider if intent else ""),
        reference=(reference or (intent.reference if intent else ""))[:200],
        kind=kind,
        note=str(note)[:500],
        payload=payload if isinstance(payload, dict) else {"value": payload} if payload else {},
        actor=actor if getattr(actor, "pk", None) else None,
    )
