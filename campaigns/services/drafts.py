"""A campaign while its client prepares it: the wizard's draft, its submission
(priced with today's card, the quote frozen) and a new draft copied from an
earlier campaign. The data is checked by validation.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simulator.pricing import Quote

from ..exceptions import CampaignError
from ..guards import submission_refusal
from ..models import Campaign, CampaignEvent, CampaignLine, CreativeMode, Status
from ..models.campaign import EDITABLE_STATUSES
from .base import Errors, check_owner, locked_campaign, refresh_caller, status_label
from .spots import copy_spot
from .validation import (
    apply_changes,
    check_complete,
    check_dates,
    check_options_entitlement,
    clean,
    price_lines,
)
from .workflow import move


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
    changes, lines = clean(campaign, data)
    campaign.wizard_step = max(1, int(step))
    apply_changes(campaign, changes, lines)
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
    locked = locked_campaign(campaign)
    check_owner(locked, user)
    if locked.status not in EDITABLE_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: it can no longer be changed.")
            % {"status": status_label(locked.status)}
        )
    changes, lines = clean(locked, data)
    if step is not None:
        locked.wizard_step = max(1, int(step))
    apply_changes(locked, changes, lines)
    refresh_caller(campaign, locked)
    return campaign


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
    locked = locked_campaign(campaign)
    check_owner(locked, user)
    if locked.status not in EDITABLE_STATUSES:
        raise CampaignError(
            _("This campaign is “%(status)s”: it cannot be submitted.")
            % {"status": status_label(locked.status)}
        )
    errors = Errors()
    if not accept_terms:
        errors.add("accept_terms", _("Accept the terms of sale to submit the campaign."))
    check_complete(locked, errors)
    check_dates(locked.start_date, locked.end_date, errors)
    lines = [(line.band_code, line.airings) for line in locked.lines.all()]
    if not lines:
        errors.add("bands", _("Choose at least one time band."))
    check_options_entitlement(locked.advertiser, locked.options, errors)
    quote = None
    if not errors.fields:
        card, quote = price_lines(
            spot_length=locked.spot_length,
            start=locked.start_date,
            end=locked.end_date,
            lines=lines,
            options=locked.options,
            errors=errors,
        )
    errors.raise_if_any(_("The campaign cannot be submitted yet: see the points below."))
    freeze_quote(locked, card, quote)
    refusal = submission_refusal(locked.advertiser, locked)
    if refusal:
        raise CampaignError(refusal)
    locked.save()
    names = {line.band: line.label for line in quote.lines}
    for line in locked.lines.all():
        if names.get(line.band_code) and line.band_name != names[line.band_code]:
            line.band_name = names[line.band_code]
            line.save(update_fields=["band_name"])
    move(locked, to_status=Status.SUBMITTED, actor=user)
    refresh_caller(campaign, locked)
    return campaign


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
    check_owner(campaign, user)
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
        copy_spot(spot, copy, user)
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
