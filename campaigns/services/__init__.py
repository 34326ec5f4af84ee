"""Writes of the campaigns app: every change that carries a business rule.

All services are keyword-only, run in one transaction and raise `CampaignError`
(with a translated message and, for forms, field errors) when a rule is broken;
then nothing is changed. By area:

- drafts.py: the booking wizard's draft, its submission, a copy of a campaign;
- validation.py: the wizard's data checked and priced;
- workflow.py: the state machine and its moves (approval, refusal, cancellation...);
- spots.py: the spots' review, uploads, reuse and the made spot of a creation request;
- notices.py: who is notified of what, and the texts;
- base.py: what they share (row lock, owner check, field errors).

Callers use `campaigns.services.<name>` (every public name is here)."""

from ..models.campaign import EDITABLE_STATUSES
from ..models.spot import REPLACEABLE_STATES
from .base import status_label
from .drafts import (
    DUPLICATED_FIELDS,
    create_draft,
    duplicate_campaign,
    freeze_quote,
    submit,
    update_draft,
)
from .notices import admin_url, client_url
from .spots import (
    SPOT_UPLOAD_STATUSES,
    add_spot,
    check_made_spot_upload,
    client_review_spot,
    reuse_spot,
    review_spot,
)
from .validation import (
    AIRTIME_KEYS,
    DOCUMENT_FORMATS,
    MAX_BRIEF_MATERIAL_BYTES,
    MAX_DOCUMENT_BYTES,
    TEXT_FIELDS,
)
from .workflow import (
    ADMIN_MOVES,
    ALLOWED_MOVES,
    CANCELLABLE_BY_CLIENT,
    NOTE_REQUIRED,
    SYSTEM_MOVES,
    approve,
    bulk_approve,
    cancel,
    refuse,
    request_changes,
    start_production,
    transition,
)

__all__ = [
    "ADMIN_MOVES",
    "AIRTIME_KEYS",
    "ALLOWED_MOVES",
    "CANCELLABLE_BY_CLIENT",
    "DOCUMENT_FORMATS",
    "DUPLICATED_FIELDS",
    "EDITABLE_STATUSES",
    "MAX_BRIEF_MATERIAL_BYTES",
    "MAX_DOCUMENT_BYTES",
    "NOTE_REQUIRED",
    "REPLACEABLE_STATES",
    "SPOT_UPLOAD_STATUSES",
    "SYSTEM_MOVES",
    "TEXT_FIELDS",
    "add_spot",
    "admin_url",
    "approve",
    "bulk_approve",
    "cancel",
    "check_made_spot_upload",
    "client_review_spot",
    "client_url",
    "create_draft",
    "duplicate_campaign",
    "freeze_quote",
    "refuse",
    "request_changes",
    "reuse_spot",
    "review_spot",
    "start_production",
    "status_label",
    "submit",
    "transition",
    "update_draft",
]
