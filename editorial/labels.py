"""Words the desk, the request's pages and the mission sheet show for a value.

The urgency reads after "Urgence :" (a feminine noun in French): "normale",
"prioritaire", "urgente (sous 24 h)", whereas the model's choice labels agree
with no noun ("normal")."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from .models import Urgency

URGENCY_LABELS = {
    Urgency.NORMAL: pgettext_lazy("urgency level", "normal"),
    Urgency.PRIORITY: pgettext_lazy("urgency level", "priority"),
    Urgency.URGENT: pgettext_lazy("urgency level", "urgent (within 24 h)"),
}


def urgency_label(value) -> str:
    """The urgency `value` ("normal") as it reads after "Urgency:"."""
    label = URGENCY_LABELS.get(value)
    if label is None:
        return str(value or "")
    return str(label)
