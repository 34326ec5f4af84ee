"""Writes of the campaigns app: every change that carries a business rule.

All services are keyword-only, run in one transaction and raise `CampaignError`
(with a translated message and, for forms, field errors) when a rule is broken;
then nothing is changed. Statuses move only through `_move`, which checks the
move against `ALLOWED_MOVES`, records a `CampaignEvent` and notifies.

Concurrency: every move locks the campaign row (`select_for_update`) and
re-reads its status under the lock, so two administrators acting on the same
campaign at once are serialised: the second one gets a clear error ("this
campaign is now approved") instead of overwriting the first one's decision.

Notifications are created in the same transaction as the move (a rolled-back
move notifies nobody, a committed one can never lose its notification);
`notifications.services.notify` pushes the live counter only after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import BusinessSector
from accounts.permissions import is_administrator
from accounts.roles import Role
from accounts.selectors import active_users_of_advertiser, active_users_with_role
from notifications.kinds import NotificationKind
from notifications.services import notify
from simulator import selectors as rate_selectors
from simulator.pricing import (
    MAX_AIRINGS_PER_LINE,
    MAX_RANGE_DAYS,
    MAX_SPOT_LENGTH,
    MIN_SPOT_LENGTH,
    LineRequest,
    PricingError,
    Quote,
    QuoteRequest,
    price,
)

from .exceptions import CampaignError
from .models import (
    Campaign,
    CampaignEvent,
    CampaignLine,
    CreativeMode,
    Language,
    Objective,
    ReviewState,
    Spot,
    SpotKind,
    Status,
)
from .models.campaign import EDITABLE_STATUSES
from .models.spot import REPLACEABLE_STATES
from .realtime import schedule_pending_counts_broadcast
from .signals import campaign_approved

# --- The state machine ----------------------------------------------------------

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.CANCELLED}),
    Status.SUBMITTED: frozenset(
        {
            Status.CHANGES_REQUESTED,
            Status.APPROVED,
            Status.REFUSED,
            Status.IN_PRODUCTION,
            Status.CANCELLED,
        }
    ),
    Status.CHANGES_REQUESTED: frozenset({Status.SUBMITTED, Status.CANCELLED}),
    Status.IN_PRODUCTION: frozenset({Status.APPROVED, Status.REFUSED, Status.CANCELLED}),
    # An approved campaign may still be withdrawn by the commercial team before it
    # is scheduled; the client's own `cancel` stops at approval.
    Status.APPROVED: frozenset({Status.SCHEDULED, Status.CANCELLED}),
    Status.SCHEDULED: frozenset({Status.AIRING}),
    Status.AIRING: frozenset({Status.FINISHED}),
    Status.FINISHED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.CANCELLED: frozenset(),
}

# Moves that need a note (shown to the client).
NOTE_REQUIRED = frozenset({Status.REFUSED, Status.CHANGES_REQUESTED})
# Moves decided by the commercial team.
ADMIN_MOVES = frozenset(
    {Status.CHANGES_REQUESTED, Status.IN_PRODUCTION, Status.APPROVED, Status.REFUSED}
)
# Moves made by the scheduler and the broadcasters' confirmations (actor may be None).
SYSTEM_MOVES = frozenset({Status.SCHEDULED, Status.AIRING, Status.FINISHED})
# The client's `cancel` is possible only before approval.
CANCELLABLE_BY_CLIENT = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.IN_PRODUCTION}
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_BRIEF_MATERIAL_BYTES = 20 * 1024 * 1024
DOCUMENT_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")

TEXT_FIELDS = {
    "title": 200,
    "product": 200,
    "target_audience": 2000,
    "key_message": 2000,
    "brief_message": 4000,
    "brief_tone": 200,
    "brief_contacts": 1000,
}
AIRTIME_KEYS = ("start_date", "end_date", "spot_length", "bands", "options")


def status_label(status: str) -> str:
    return str(Status(status).label)


# --- Helpers: errors, recipients, URLs -------------------------------------------------


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(str(message))

    def merge(self, errors: Mapping[str, Iterable[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add(field, message)

    def raise_if_any(self, message: str | None = None) -> None:
        if self.fields:
            raise CampaignError(message or _("Please correct the errors below."), self.fields)


def _administrators() -> list:
    return list(active_users_with_role(Role.ADMINISTRATOR))


def client_url(campaign: Campaign) -> str:
    return campaign.get_absolute_url()


def admin_url(campaign: Campaign) -> str:
    """The campaign's page in the Wagtail admin (the review viewset arrives with
    the admin screens; until then the admin's home)."""
    try:
        return reverse("campaign_review:inspect", args=[campaign.pk])
    except NoReverseMatch:
        return "/admin/"


def _notify_all(
    recipients: Iterable,
    *,
    kind: str = NotificationKind.GENERAL,
    title: str,
    body: str,
    url: str,
) -> None:
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        notify(recipient=user, kind=kind, title=title, body=body, url=url)


def _notify_move(campaign: Campaign, from_status: str, to_status: str, note: str) -> None:
    """Client users on every move; administrators on submission (a creation
    request when the client asked us to make the spot) and when a client
    withdraws a campaign they were reviewing."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Campaign “%(title)s”: %(status)s") % {
            "title": campaign.title,
            "status": status_label(to_status),
        }
        body = note or _("Your campaign moved from “%(from)s” to “%(to)s”.") % {
            "from": status_label(from_status) if from_status else "—",
            "to": status_label(to_status),
        }
        _notify_all(
            active_users_of_advertiser(campaign.advertiser),
            kind=NotificationKind.CAMPAIGN_STATUS,
            title=title,
            body=body,
            url=client_url(campaign),
        )
        admin_title = None
        admin_kind = NotificationKind.CAMPAIGN_SUBMITTED
        if to_status == Status.SUBMITTED:
            if campaign.creative_mode == CreativeMode.MAKE:
                admin_kind = NotificationKind.CREATION_REQUEST
                admin_title = _("New creation request: “%(title)s” (%(advertiser)s)")
            elif from_status == Status.CHANGES_REQUESTED:
                admin_title = _(
                    "Campaign corrected and submitted again: “%(title)s” (%(advertiser)s)"
                )
            else:
                admin_title = _("New campaign to review: “%(title)s” (%(advertiser)s)")
        elif to_status == Status.CANCELLED and from_status in (
            Status.SUBMITTED,
            Status.IN_PRODUCTION,
        ):
            admin_title = _("Campaign withdrawn: “%(title)s” (%(advertiser)s)")
        if admin_title:
            admin_title = admin_title % {
                "title": campaign.title,
                "advertiser": campaign.advertiser.name,
            }
            admin_body = _("%(total)s FCFA incl. VAT, from %(start)s to %(end)s.") % {
                "total": f"{campaign.quote_total:,}".replace(",", "\u202f"),
                "start": f"{campaign.start_date:%d/%m/%Y}" if campaign.start_date else "—",
                "end": f"{campaign.end_date:%d/%m/%Y}" if campaign.end_date else "—",
            }
            _notify_all(
                _administrators(),
                kind=admin_kind,
                title=admin_title,
                body=admin_body,
                url=admin_url(campaign),
            )


def _locked(campaign: Campaign) -> Campaign:
    """The campaign re-read under a row lock (the caller's copy may be stale)."""
    locked = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("advertiser", "sector")
        .filter(pk=campaign.pk)
        .first()
    )
    if locked is None:
        raise CampaignError(_("This campaign no longer exists."))
    return locked


def _refresh_caller(campaign: Campaign, locked: Campaign) -> None:
    """Copy the saved state onto the caller's instance."""
    for field in locked._meta.concrete_fields:
        setattr(campaign, field.attname, getattr(locked, field.attname))


def _check_owner(campaign: Campaign, user) -> None:
    if user is None or user.advertiser_id is None or user.advertiser_id != campaign.advertiser_id:
        raise CampaignError(_("This campaign does not belong to your company."))


def _move(campaign: Campaign, *, to_status: str, actor, note: str = "") -> CampaignEvent:
    """Move a campaign that is already locked; records the event and notifies."""
    from_status = campaign.status
    if to_status not in ALLOWED_MOVES.get(from_status, frozenset()):
        raise CampaignError(
            _("This campaign is “%(from)s”: it cannot become “%(to)s”.")
            % {"from": status_label(from_status), "to": status_label(to_status)}
        )
    now = timezone.now()
    campaign.status = to_status
    update = ["status", "updated_at"]
    if to_status == Status.SUBMITTED:
        campaign.submitted_at = now
        update.append("submitted_at")
    if to_status == Status.APPROVED:
        campaign.approved_at = now
        update.append("approved_at")
    campaign.save(update_fields=update)
    event = CampaignEvent.objects.create(
        campaign=campaign, actor=actor, from_status=from_status, to_status=to_status, note=note
    )
    _notify_move(campaign, from_status, to_status, note)
    schedule_pending_counts_broadcast()
    if to_status == Status.APPROVED:
        # Broadcasting places the airings once this commits (campaigns.signals).
        campaign_id = campaign.pk
        transaction.on_commit(
            lambda: campaign_approved.send(sender=Campaign, campaign_id=campaign_id)
        )
    return event


# --- Validation of the wizard's data ---------------------------------------------------


def _as_date(value, field: str, errors: _Errors) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _("Enter a valid date."))
        return None


def _as_int(value, field: str, errors: _Errors) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        errors.add(field, _("Enter a whole number."))
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    errors.add(field, _("Enter a whole number."))
    return None


def _choice_list(value, choices, field: str, errors: _Errors) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple):
        errors.add(field, _("Choose from the list."))
        return []
    allowed = {str(c) for c in choices}
    cleaned: list[str] = []
    for item in value:
        item = str(item)
        if item not in allowed:
            errors.add(
                field, _("“%(value)s” is not one of the available choices.") % {"value": item}
            )
        elif item not in cleaned:
            cleaned.append(item)
    return cleaned


def _bands(value, errors: _Errors) -> list[tuple[str, int]] | None:
    """[(band code, airings)] from [{"band": code, "airings": n}, ...]."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        errors.add("bands", _("Choose at least one time band."))
        return None
    lines: list[tuple[str, int]] = []
    for index, item in enumerate(value):
        key = f"bands.{index}"
        if isinstance(item, LineRequest):
            code, raw = item.band, item.airings
        elif isinstance(item, Mapping):
            code, raw = item.get("band"), item.get("airings")
        else:
            code, raw = None, None
        if not isinstance(code, str) or not code.strip():
            errors.add(key, _("Give a band code and airings."))
            continue
        airings = _as_int(raw, key, errors)
        if airings is None:
            if raw in (None, ""):
                errors.add(key, _("Enter at least one airing for this time band."))
            continue
        if airings <= 0:
            errors.add(key, _("Enter at least one airing for this time band."))
            continue
        if airings > MAX_AIRINGS_PER_LINE:
            errors.add(
                key,
                _("At most %(max)s airings per time band.") % {"max": MAX_AIRINGS_PER_LINE},
            )
            continue
        lines.append((code.strip(), airings))
    if value and not lines and not errors.fields:
        errors.add("bands", _("Choose at least one time band."))
    return lines


def _check_file(upload, field: str, errors: _Errors, *, max_bytes: int, sniff: bool) -> None:
    size = getattr(upload, "size", None)
    if not size:
        errors.add(field, _("The file is empty."))
        return
    if size > max_bytes:
        errors.add(
            field,
            _("The file is too large; the limit is %(limit)s MB.")
            % {"limit": max_bytes // (1024 * 1024)},
        )
        return
    if sniff:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES):
            errors.add(field, _("Send the document as a PDF, JPEG or PNG file."))


def _check_dates(start: dt.date | None, end: dt.date | None, errors: _Errors) -> None:
    # The broadcast day runs until 05:00: at 01:00 tonight's running order is
    # still "today" for booking.
    from core.clock import today as broadcast_today

    today = broadcast_today()
    if start is not None and start < today:
        errors.add("start_date", _("The start date cannot be in the past."))
    if end is not None and end < today:
        errors.add("end_date", _("The end date cannot be in the past."))
    if start is not None and end is not None:
        if end < start:
            errors.add("end_date", _("The end date must be on or after the start date."))
        elif (end - start).days + 1 > MAX_RANGE_DAYS:
            errors.add(
                "end_date",
                _("The period cannot exceed %(days)s days.") % {"days": MAX_RANGE_DAYS},
            )


def _current_card():
    card = rate_selectors.current_rate_card()
    if card is None:
        raise CampaignError(_("No rate card is published for today. Contact the commercial team."))
    return card, rate_selectors.pricing_data(card)


def _price(
    *,
    spot_length: int,
    start: dt.date,
    end: dt.date,
    lines: Iterable[tuple[str, int]],
    options: Iterable[str],
    errors: _Errors,
):
    """(RateCard, Quote) priced with the card valid today, or (card, None) with
    the engine's messages added to `errors`."""
    card, data = _current_card()
    request = QuoteRequest(
        spot_length=spot_length,
        start_date=start,
        end_date=end,
        lines=tuple(LineRequest(band=code, airings=airings) for code, airings in lines),
        options=tuple(options),
    )
    try:
        return card, price(data, request)
    except PricingError as exc:
        errors.merge(exc.errors)
        return card, None


def _clean(campaign: Campaign, data: Mapping[str, Any]) -> tuple[dict, list | None]:
    """Validate `data` (only the keys present) against `campaign`'s current
    values; return (field changes, new lines or None). Raises CampaignError."""
    errors = _Errors()
    changes: dict[str, Any] = {}

    for field, max_length in TEXT_FIELDS.items():
        if field in data:
            value = str(data[field] if data[field] is not None else "").strip()
            if len(value) > max_length:
                errors.add(
                    field,
                    _("At most %(max)s characters (it has %(length)s).")
                    % {"max": max_length, "length": len(value)},
                )
            changes[field] = value
    if "title" in data and not changes.get("title"):
        errors.add("title", _("Give your campaign a title."))

    if "sector" in data:
        sector = data["sector"]
        if sector in (None, ""):
            changes["sector"] = None
        else:
            sector_id = sector.pk if isinstance(sector, BusinessSector) else sector
            found = (
                BusinessSector.objects.filter(pk=sector_id, is_active=True).first()
                if str(sector_id).isdigit()
                else None
            )
            if found is None:
                errors.add("sector", _("Choose a business sector from the list."))
            changes["sector"] = found
    if "objective" in data:
        objective = data["objective"] or ""
        if objective and objective not in Objective.values:
            errors.add("objective", _("Choose an objective from the list."))
        changes["objective"] = objective
    if "languages" in data:
        changes["languages"] = _choice_list(data["languages"], Language.values, "languages", errors)
    if "brief_languages" in data:
        changes["brief_languages"] = _choice_list(
            data["brief_languages"], Language.values, "brief_languages", errors
        )
    if "creative_mode" in data:
        mode = data["creative_mode"] or ""
        if mode and mode not in CreativeMode.values:
            errors.add("creative_mode", _("Choose how the spot will be provided."))
        changes["creative_mode"] = mode
    if "brief_delivery_date" in data:
        wished = _as_date(data["brief_delivery_date"], "brief_delivery_date", errors)
        if wished is not None and wished < timezone.localdate():
            errors.add("brief_delivery_date", _("The wished delivery date cannot be in the past."))
        changes["brief_delivery_date"] = wished
    for field, limit, sniff in (
        ("authorization_document", MAX_DOCUMENT_BYTES, True),
        ("brief_material", MAX_BRIEF_MATERIAL_BYTES, False),
    ):
        if field in data and data[field]:
            upload = data[field]
            if not isinstance(upload, File):
                errors.add(field, _("Attach a file."))
            else:
                _check_file(upload, field, errors, max_bytes=limit, sniff=sniff)
                changes[field] = upload

    # Airtime: checked piece by piece, then priced with the card when complete.
    lines = None
    if any(key in data for key in AIRTIME_KEYS):
        if "start_date" in data:
            changes["start_date"] = _as_date(data["start_date"], "start_date", errors)
        if "end_date" in data:
            changes["end_date"] = _as_date(data["end_date"], "end_date", errors)
        if "spot_length" in data:
            length = _as_int(data["spot_length"], "spot_length", errors)
            if length is not None and not MIN_SPOT_LENGTH <= length <= MAX_SPOT_LENGTH:
                errors.add(
                    "spot_length",
                    _("The spot length must be between %(min)s and %(max)s seconds.")
                    % {"min": MIN_SPOT_LENGTH, "max": MAX_SPOT_LENGTH},
                )
            changes["spot_length"] = length
        if "options" in data:
            options = data["options"] or []
            if not isinstance(options, list | tuple) or not all(
                isinstance(o, str) for o in options
            ):
                errors.add("options", _("Options must be a list of codes."))
                options = []
            changes["options"] = list(options)
        if "bands" in data:
            lines = _bands(data["bands"], errors)
        start = changes.get("start_date", campaign.start_date)
        end = changes.get("end_date", campaign.end_date)
        if "start_date" in data or "end_date" in data:
            _check_dates(start, end, errors)
        if not errors.fields:
            length = changes.get("spot_length", campaign.spot_length)
            if lines is not None:
                current_lines = lines
            elif campaign.pk:
                current_lines = [(line.band_code, line.airings) for line in campaign.lines.all()]
            else:
                current_lines = []
            if length and start and end and current_lines:
                _card, quote = _price(
                    spot_length=length,
                    start=start,
                    end=end,
                    lines=current_lines,
                    options=changes.get("options", campaign.options),
                    errors=errors,
                )
                if quote is not None and lines is not None:
                    names = {line.band: line.label for line in quote.lines}
                    lines = [(code, airings, names.get(code, "")) for code, airings in lines]
    errors.raise_if_any()
    if lines is not None:
        lines = [line if len(line) == 3 else (*line, "") for line in lines]
    return changes, lines


def _apply(campaign: Campaign, changes: dict, lines: list | None) -> None:
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign.save()
    if lines is not None:
        campaign.lines.all().delete()
        CampaignLine.objects.bulk_create(
            CampaignLine(campaign=campaign, band_code=code, band_name=name, airings=airings)
            for code, airings, name in lines
        )


# --- Draft ----------------------------------------------------------------------------


@transaction.atomic
def create_draft(*, user, data: Mapping[str, Any], step: int = 1) -> Campaign:
    """Start a campaign for the user's company from the wizard's first step (or
    from the simulator's parameters). `data` holds the fields to set; `bands` is
    [{"band": code, "airings": n}]."""
    if user is None or getattr(user, "advertiser_id", None) is None:
        raise CampaignError(_("Only a client company's account can book a campaign."))
    campaign = Campaign(advertiser_id=user.advertiser_id, created_by=user, status=Status.DRAFT)
    if "title" not in data:
        data = {**data, "title": data.get("product") or ""}
    changes, lines = _clean(campaign, data)
    campaign.wizard_step = max(1, int(step))
    _apply(campaign, changes, lines)
    CampaignEvent.objects.create(
        campaign=campaign, actor=user, from_status="", to_status=Status.DRAFT
    )
    return campaign


@transaction.atomic
def update_draft(
    *, campaign: Campaign, user, data: Mapping[str, Any], step: int | None = None
) -> Campaign:
    """Save one step of the wizard on a campaign still in draft or returned for
    corrections. Only the keys present in `data` change."""
    locked = _locked(campaign)
    _check_owner(locked, user)
    if locked.status not in EDITABLE_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: it can no longer be changed.")
            % {"status": status_label(locked.status)}
        )
    changes, lines = _clean(locked, data)
    if step is not None:
        locked.wizard_step = max(1, int(step))
    _apply(locked, changes, lines)
    _refresh_caller(campaign, locked)
    return campaign


# --- Submission -------------------------------------------------------------------------


def _check_complete(campaign: Campaign, errors: _Errors) -> None:
    required = {
        "title": _("Give your campaign a title."),
        "product": _("Name the product or brand."),
        "objective": _("Choose an objective."),
        "key_message": _("Write the key message of the campaign."),
    }
    for field, message in required.items():
        if not getattr(campaign, field):
            errors.add(field, message)
    if campaign.sector_id is None:
        errors.add("sector", _("Choose the business sector."))
    elif campaign.sector.requires_authorization and not campaign.authorization_document:
        errors.add(
            "authorization_document",
            _(
                "The sector “%(sector)s” is subject to authorisation: attach the "
                "authorisation document."
            )
            % {"sector": campaign.sector.name},
        )
    if not campaign.languages:
        errors.add("languages", _("Choose at least one language."))
    if campaign.start_date is None:
        errors.add("start_date", _("Choose the start date."))
    if campaign.end_date is None:
        errors.add("end_date", _("Choose the end date."))
    if campaign.spot_length is None:
        errors.add("spot_length", _("Choose the spot length."))
    mode = campaign.creative_mode
    if not mode:
        errors.add("creative_mode", _("Choose how the spot will be provided."))
    elif mode == CreativeMode.MAKE:
        if not campaign.brief_message:
            errors.add("brief_message", _("Describe the message of the spot to make."))
        if not campaign.brief_contacts:
            errors.add("brief_contacts", _("Give a contact for the making of the spot."))
    elif mode == CreativeMode.REUSE and not campaign.spots.approved().exists():
        errors.add("creative_mode", _("Choose an approved spot to reuse."))


def freeze_quote(campaign: Campaign, card, quote: Quote) -> None:
    campaign.rate_card = card
    campaign.quote = quote.as_dict()
    campaign.quote_subtotal = quote.subtotal
    campaign.quote_discount = quote.discount
    campaign.quote_vat = quote.vat
    campaign.quote_total = quote.total


@transaction.atomic
def submit(*, campaign: Campaign, user, accept_terms: bool) -> Campaign:
    """Check the campaign is complete, price it with today's card, freeze the
    quote (card, lines, totals) and move it to "submitted"."""
    locked = _locked(campaign)
    _check_owner(locked, user)
    if locked.status not in EDITABLE_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: it cannot be submitted.")
            % {"status": status_label(locked.status)}
        )
    errors = _Errors()
    if not accept_terms:
        errors.add("accept_terms", _("Accept the terms of sale to submit the campaign."))
    _check_complete(locked, errors)
    _check_dates(locked.start_date, locked.end_date, errors)
    lines = [(line.band_code, line.airings) for line in locked.lines.all()]
    if not lines:
        errors.add("bands", _("Choose at least one time band."))
    quote = None
    if not errors.fields:
        card, quote = _price(
            spot_length=locked.spot_length,
            start=locked.start_date,
            end=locked.end_date,
            lines=lines,
            options=locked.options,
            errors=errors,
        )
    errors.raise_if_any(_("The campaign cannot be submitted yet: see the points below."))
    freeze_quote(locked, card, quote)
    locked.save()
    names = {line.band: line.label for line in quote.lines}
    for line in locked.lines.all():
        if names.get(line.band_code) and line.band_name != names[line.band_code]:
            line.band_name = names[line.band_code]
            line.save(update_fields=["band_name"])
    _move(locked, to_status=Status.SUBMITTED, actor=user)
    _refresh_caller(campaign, locked)
    return campaign


# --- Moves ---------------------------------------------------------------------------------


def _check_actor(campaign: Campaign, to_status: str, actor) -> None:
    if to_status in ADMIN_MOVES and not is_administrator(actor):
        raise CampaignError(_("Only the commercial team can make this decision."))
    if to_status in SYSTEM_MOVES and actor is not None and not is_administrator(actor):
        raise CampaignError(_("Only the commercial team can make this decision."))
    if to_status == Status.CANCELLED and not is_administrator(actor):
        _check_owner(campaign, actor)
        if campaign.status not in CANCELLABLE_BY_CLIENT:
            raise CampaignError(_("An approved campaign can no longer be cancelled online."))


def _check_approval(campaign: Campaign) -> None:
    if campaign.status == Status.IN_PRODUCTION:
        _check_made_spot_approved(campaign)
        return
    if campaign.spots.approved().exists():
        return
    if campaign.creative_mode == CreativeMode.MAKE and campaign.status == Status.SUBMITTED:
        raise CampaignError(
            _(
                "This is a creation request: put it into production first, then approve "
                "it once the spot is made and approved."
            )
        )
    raise CampaignError(_("The campaign has no approved spot yet: approve a spot first."))


@transaction.atomic
def transition(*, campaign: Campaign, to_status: str, actor, note: str = "") -> Campaign:
    """Move a campaign to `to_status` if the move is allowed from its current
    status (read under a row lock) and the actor may make it."""
    to_status = str(to_status)
    if to_status not in Status.values:
        raise CampaignError(_("Unknown status."))
    if to_status == Status.SUBMITTED:
        # Submitting prices and freezes the quote: only `submit` does it.
        raise CampaignError(_("A campaign is submitted by its client, with the terms accepted."))
    note = (note or "").strip()
    locked = _locked(campaign)
    if to_status not in ALLOWED_MOVES.get(locked.status, frozenset()):
        raise CampaignError(
            _("This campaign is now “%(from)s”: it cannot become “%(to)s”.")
            % {"from": status_label(locked.status), "to": status_label(to_status)}
        )
    _check_actor(locked, to_status, actor)
    if to_status in NOTE_REQUIRED and not note:
        message = (
            _("Give the reason for the refusal.")
            if to_status == Status.REFUSED
            else _("Tell the client what to correct.")
        )
        raise CampaignError(message, {"note": [message]})
    if to_status == Status.APPROVED:
        _check_approval(locked)
    _move(locked, to_status=to_status, actor=actor, note=note)
    _refresh_caller(campaign, locked)
    return campaign


def approve(*, campaign: Campaign, actor, note: str = "") -> Campaign:
    return transition(campaign=campaign, to_status=Status.APPROVED, actor=actor, note=note)


def refuse(*, campaign: Campaign, actor, note: str) -> Campaign:
    return transition(campaign=campaign, to_status=Status.REFUSED, actor=actor, note=note)


def request_changes(*, campaign: Campaign, actor, note: str) -> Campaign:
    return transition(campaign=campaign, to_status=Status.CHANGES_REQUESTED, actor=actor, note=note)


def start_production(*, campaign: Campaign, actor, note: str = "") -> Campaign:
    return transition(campaign=campaign, to_status=Status.IN_PRODUCTION, actor=actor, note=note)


@transaction.atomic
def cancel(*, campaign: Campaign, actor, note: str = "") -> Campaign:
    """Cancel a campaign before its approval (the client, or the commercial team)."""
    locked = _locked(campaign)
    if locked.status not in CANCELLABLE_BY_CLIENT:
        raise CampaignError(
            _("This campaign is “%(status)s”: it can only be cancelled before approval.")
            % {"status": status_label(locked.status)}
        )
    return transition(campaign=campaign, to_status=Status.CANCELLED, actor=actor, note=note)


@transaction.atomic
def bulk_approve(*, campaigns: Iterable[Campaign], actor) -> tuple[list[Campaign], dict[int, str]]:
    """Approve several campaigns; each one that cannot be approved is skipped
    with its reason. Returns (approved, {campaign id: reason})."""
    approved: list[Campaign] = []
    skipped: dict[int, str] = {}
    for campaign in campaigns:
        try:
            with transaction.atomic():
                approved.append(approve(campaign=campaign, actor=actor))
        except CampaignError as exc:
            skipped[campaign.pk] = exc.message
    return approved, skipped


# --- Spots --------------------------------------------------------------------------------


@transaction.atomic
def review_spot(*, spot: Spot, actor, approve: bool, reason: str = "") -> Spot:
    """Approve or refuse a spot awaiting review (a reason is required to refuse)."""
    if not is_administrator(actor):
        raise CampaignError(_("Only the commercial team can review a spot."))
    reason = (reason or "").strip()
    locked = (
        Spot.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .filter(pk=spot.pk)
        .first()
    )
    if locked is None:
        raise CampaignError(_("This spot no longer exists."))
    if locked.review_state != ReviewState.PENDING:
        raise CampaignError(
            _("This spot has already been reviewed (“%(state)s”).")
            % {"state": ReviewState(locked.review_state).label}
        )
    if not approve and not reason:
        message = _("Give the reason for refusing the spot.")
        raise CampaignError(message, {"reason": [message]})
    locked.review_state = ReviewState.APPROVED if approve else ReviewState.REFUSED
    locked.review_reason = reason
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["review_state", "review_reason", "reviewed_by", "reviewed_at"])
    campaign = locked.campaign
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            title = _("Spot approved for “%(title)s”") % {"title": campaign.title}
            body = reason
        else:
            title = _("Spot refused for “%(title)s”") % {"title": campaign.title}
            body = _("Reason: %(reason)s. You can upload a new version.") % {"reason": reason}
        _notify_all(
            active_users_of_advertiser(campaign.advertiser),
            kind=NotificationKind.SPOT_REVIEW,
            title=title,
            body=body,
            url=client_url(campaign),
        )
    for field in ("review_state", "review_reason", "reviewed_by_id", "reviewed_at"):
        setattr(spot, field, getattr(locked, field))
    schedule_pending_counts_broadcast()
    return spot


# Statuses in which a spot may be added: while the client prepares or corrects
# the campaign, while it is reviewed, and while the team makes it.
SPOT_UPLOAD_STATUSES = frozenset(
    {Status.DRAFT, Status.CHANGES_REQUESTED, Status.SUBMITTED, Status.IN_PRODUCTION}
)


@transaction.atomic
def add_spot(
    *,
    campaign: Campaign,
    user,
    kind: str,
    media=None,
    image=None,
    declared_length: int | None = None,
    technical_report: dict | None = None,
    poster=None,
    replaces: Spot | None = None,
) -> Spot:
    """Attach a checked file (a wagtailmedia item or a Wagtail image, already
    stored by the upload) as a spot awaiting review; `replaces` is the refused
    spot it is a new version of. The client's own campaigns only; the commercial
    team may add the made spot of a creation request. Notifies the team."""
    locked = _locked(campaign)
    admin = is_administrator(user)
    if not admin:
        _check_owner(locked, user)
    if locked.status not in SPOT_UPLOAD_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: no spot can be added to it.")
            % {"status": status_label(locked.status)}
        )
    if (kind == SpotKind.VIDEO) != (media is not None) or (kind == SpotKind.IMAGE) != (
        image is not None
    ):
        raise CampaignError(_("Send one video or one image."))
    if replaces is not None and (
        replaces.campaign_id != locked.pk or replaces.review_state not in REPLACEABLE_STATES
    ):
        raise CampaignError(_("Only a refused spot of this campaign can be replaced."))
    # The team's upload to a creation request in production is the made spot: the
    # client approves it (see `client_review_spot`), not the team.
    made = admin and locked.status == Status.IN_PRODUCTION
    spot = Spot.objects.create(
        campaign=locked,
        advertiser_id=locked.advertiser_id,
        kind=kind,
        media=media,
        image=image,
        declared_length=declared_length or locked.spot_length,
        technical_report=technical_report or {},
        poster=poster,
        replaces=replaces,
        uploaded_by=user,
        made_by_team=made,
        review_state=ReviewState.AWAITING_CLIENT if made else ReviewState.PENDING,
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("New spot to review: “%(title)s” (%(advertiser)s)") % {
            "title": locked.title,
            "advertiser": locked.advertiser.name,
        }
        _notify_all(
            [] if made else [u for u in _administrators() if u.pk != getattr(user, "pk", None)],
            kind=NotificationKind.SPOT_UPLOADED,
            title=title,
            body="",
            url=admin_url(locked),
        )
        if admin:
            _notify_all(
                active_users_of_advertiser(locked.advertiser),
                kind=NotificationKind.SPOT_REVIEW,
                title=_("Your spot for “%(title)s” is ready") % {"title": locked.title},
                body=_("Watch it and tell us if it suits you."),
                url=client_url(locked),
            )
    schedule_pending_counts_broadcast()
    return spot


def _copy_spot(source: Spot, campaign: Campaign, user) -> Spot:
    origin = source.reused_from or source
    existing = campaign.spots.filter(reused_from=origin).first()
    if existing is not None:
        return existing
    return Spot.objects.create(
        campaign=campaign,
        advertiser_id=campaign.advertiser_id,
        kind=source.kind,
        media_id=source.media_id,
        image_id=source.image_id,
        declared_length=source.declared_length,
        technical_report=source.technical_report,
        poster_id=source.poster_id,
        review_state=ReviewState.APPROVED,
        review_reason=source.review_reason,
        reviewed_by_id=source.reviewed_by_id,
        reviewed_at=source.reviewed_at,
        reused_from=origin,
        uploaded_by=user,
    )


@transaction.atomic
def reuse_spot(*, campaign: Campaign, spot: Spot, user) -> Spot:
    """Attach an approved spot of an earlier campaign of the same company to a
    campaign being edited; sets its creative mode to "reuse"."""
    locked = _locked(campaign)
    _check_owner(locked, user)
    if locked.status not in EDITABLE_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: it can no longer be changed.")
            % {"status": status_label(locked.status)}
        )
    if spot.advertiser_id != locked.advertiser_id or spot.review_state != ReviewState.APPROVED:
        raise CampaignError(
            _("Only an approved spot of your company can be reused."),
            {"spot": [_("Choose an approved spot of your company.")]},
        )
    copy = _copy_spot(spot, locked, user)
    if locked.creative_mode != CreativeMode.REUSE:
        locked.creative_mode = CreativeMode.REUSE
        locked.save(update_fields=["creative_mode", "updated_at"])
    _refresh_caller(campaign, locked)
    return copy


DUPLICATED_FIELDS = (
    "product",
    "sector_id",
    "objective",
    "languages",
    "target_audience",
    "key_message",
    "authorization_document",
    "spot_length",
    "options",
    "creative_mode",
    "brief_message",
    "brief_tone",
    "brief_languages",
    "brief_contacts",
    "brief_material",
    "priority",
)


@transaction.atomic
def duplicate_campaign(*, campaign: Campaign, user) -> Campaign:
    """A new draft from an earlier campaign of the same company: same fields and
    airtime lines, its approved spots reused; dates kept only when still ahead,
    quote not frozen (it is priced again on submission)."""
    _check_owner(campaign, user)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(title)s (copy)") % {"title": campaign.title}
    copy = Campaign(
        advertiser_id=campaign.advertiser_id,
        created_by=user,
        status=Status.DRAFT,
        title=title[:200],
        wizard_step=1,
    )
    for field in DUPLICATED_FIELDS:
        setattr(copy, field, getattr(campaign, field))
    today = timezone.localdate()
    if campaign.start_date and campaign.start_date >= today:
        copy.start_date, copy.end_date = campaign.start_date, campaign.end_date
    copy.save()
    CampaignLine.objects.bulk_create(
        CampaignLine(
            campaign=copy, band_code=line.band_code, band_name=line.band_name, airings=line.airings
        )
        for line in campaign.lines.all()
    )
    approved = list(campaign.spots.approved().order_by("created_at", "pk"))
    for spot in approved:
        _copy_spot(spot, copy, user)
    if approved:
        copy.creative_mode = CreativeMode.REUSE
        copy.save(update_fields=["creative_mode"])
    elif not approved and copy.creative_mode == CreativeMode.REUSE:
        copy.creative_mode = ""
        copy.save(update_fields=["creative_mode"])
    CampaignEvent.objects.create(
        campaign=copy,
        actor=user,
        from_status="",
        to_status=Status.DRAFT,
        note=_("Copied from “%(title)s”.") % {"title": campaign.title},
    )
    return copy


# --- Creation requests ("make it for me") -------------------------------------------------
#
# submitted → (start_production) in production → the team uploads the made spot
# (`add_spot` by an administrator: "awaiting your approval") → the client approves
# it, or asks for changes with a reason (`client_review_spot`; the team then uploads
# a new version that `replaces` it, the history keeps both) → the team approves the
# campaign, which `_check_approval` allows only once the client approved a spot.


def _client_approved_spots(campaign: Campaign):
    """Approved spots the client agreed to: its own file reviewed by the team, or a
    spot made by the team and approved by the client itself."""
    return campaign.spots.approved().filter(
        Q(made_by_team=False) | Q(reviewed_by__advertiser_id=campaign.advertiser_id)
    )


def _check_made_spot_approved(campaign: Campaign) -> None:
    if _client_approved_spots(campaign).exists():
        return
    latest = (
        campaign.spots.filter(made_by_team=True)
        .order_by("-created_at", "-pk")
        .values_list("review_state", flat=True)
        .first()
    )
    if latest == ReviewState.AWAITING_CLIENT:
        message = _(
            "The client has not approved the made spot yet: the campaign can be approved "
            "once the client approves it."
        )
    elif latest == ReviewState.CLIENT_CHANGES:
        message = _(
            "The client asked for changes to the made spot: upload a new version for the "
            "client to approve."
        )
    else:
        message = _(
            "Upload the made spot first: the campaign can be approved once the client approves it."
        )
    raise CampaignError(message)


def check_made_spot_upload(*, campaign: Campaign, user, replaces: Spot | None = None) -> None:
    """Raise `CampaignError` unless `user` (the commercial team) may upload the made
    spot of `campaign` now; called before the file is checked, so that a refused
    upload costs nothing. `add_spot` checks the campaign again under its lock."""
    if not is_administrator(user):
        raise CampaignError(_("Only the commercial team can upload the made spot."))
    if campaign.status != Status.IN_PRODUCTION:
        raise CampaignError(
            _("This campaign is “%(status)s”: the made spot is uploaded while it is in production.")
            % {"status": status_label(campaign.status)}
        )
    if replaces is not None and (
        replaces.campaign_id != campaign.pk or replaces.review_state not in REPLACEABLE_STATES
    ):
        message = _("Only a spot the client asked to change can be replaced.")
        raise CampaignError(message, {"replaces": [message]})


@transaction.atomic
def client_review_spot(*, spot: Spot, user, approve: bool, reason: str = "") -> Spot:
    """The client approves the spot made for its creation request, or asks for
    changes (a reason is required). Recorded on the spot and in the campaign's
    history; the commercial team is notified."""
    reason = (reason or "").strip()
    locked = (
        Spot.objects.select_for_update(of=("self",))
        .select_related("campaign", "campaign__advertiser")
        .filter(pk=spot.pk)
        .first()
    )
    if locked is None:
        raise CampaignError(_("This spot no longer exists."))
    campaign = locked.campaign
    _check_owner(campaign, user)
    if locked.review_state != ReviewState.AWAITING_CLIENT:
        raise CampaignError(
            _("This spot is not awaiting your approval (“%(state)s”).")
            % {"state": ReviewState(locked.review_state).label}
        )
    if campaign.status != Status.IN_PRODUCTION:
        raise CampaignError(
            _("This campaign is “%(status)s”: its spot can no longer be reviewed.")
            % {"status": status_label(campaign.status)}
        )
    if not approve and not reason:
        message = _("Tell BF1 what to change in the spot.")
        raise CampaignError(message, {"reason": [message]})
    if len(reason) > 2000:
        message = _("At most %(max)s characters (it has %(length)s).") % {
            "max": 2000,
            "length": len(reason),
        }
        raise CampaignError(message, {"reason": [message]})
    locked.review_state = ReviewState.APPROVED if approve else ReviewState.CLIENT_CHANGES
    locked.review_reason = reason
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["review_state", "review_reason", "reviewed_by", "reviewed_at"])
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            note = _("The client approved the made spot “%(spot)s”.") % {"spot": locked}
            title = _("Made spot approved by the client: “%(title)s” (%(advertiser)s)")
            body = _("You can now approve the campaign.")
        else:
            note = _("The client asked for changes to the made spot “%(spot)s”: %(reason)s") % {
                "spot": locked,
                "reason": reason,
            }
            title = _("Changes asked to the made spot: “%(title)s” (%(advertiser)s)")
            body = _("Reason: %(reason)s. Upload a new version of the spot.") % {"reason": reason}
        CampaignEvent.objects.create(
            campaign=campaign,
            actor=user,
            from_status=campaign.status,
            to_status=campaign.status,
            note=note,
        )
        _notify_all(
            _administrators(),
            kind=NotificationKind.CREATION_REQUEST,
            title=title % {"title": campaign.title, "advertiser": campaign.advertiser.name},
            body=body,
            url=admin_url(campaign),
        )
    for field in ("review_state", "review_reason", "reviewed_by_id", "reviewed_at"):
        setattr(spot, field, getattr(locked, field))
    return spot
