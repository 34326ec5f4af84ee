"""Spots: the team's review, the client's uploads and reuse of an approved spot,
and the made spot of a creation request ("make it for me"), which the team uploads
and the client approves or sends back with a reason.

The file itself is checked and stored before (`campaigns.media_checks`,
`campaigns.spot_storage`); these services record the spot and notify."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_administrator

from ..exceptions import CampaignError
from ..house_codes import assign_house_code
from ..models import Campaign, CampaignEvent, CreativeMode, ReviewState, Spot, SpotKind, Status
from ..models.campaign import EDITABLE_STATUSES
from ..models.spot import REPLACEABLE_STATES
from ..realtime import schedule_pending_counts_broadcast
from .base import check_owner, locked_campaign, refresh_caller, status_label
from .notices import (
    client_review_note,
    notify_client_review,
    notify_spot_added,
    notify_spot_reviewed,
)

# --- The team's review, the client's uploads, reuse ----------------------------------------


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
    if approve:
        assign_house_code(locked)
    notify_spot_reviewed(locked.campaign, approve=approve, reason=reason)
    for field in ("review_state", "review_reason", "reviewed_by_id", "reviewed_at", "house_code"):
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
    locked = locked_campaign(campaign)
    admin = is_administrator(user)
    if not admin:
        check_owner(locked, user)
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
    notify_spot_added(locked, user=user, admin=admin, made=made)
    schedule_pending_counts_broadcast()
    return spot


def copy_spot(source: Spot, campaign: Campaign, user) -> Spot:
    """The approved `source` attached to `campaign` as a new spot (the same file),
    which gets its own house code (a code names one spot, hence one campaign)."""
    origin = source.reused_from or source
    existing = campaign.spots.filter(reused_from=origin).first()
    if existing is not None:
        assign_house_code(existing)
        return existing
    copy = Spot.objects.create(
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
    assign_house_code(copy)
    return copy


@transaction.atomic
def reuse_spot(*, campaign: Campaign, spot: Spot, user) -> Spot:
    """Attach an approved spot of an earlier campaign of the same company to a
    campaign being edited; sets its creative mode to "reuse"."""
    locked = locked_campaign(campaign)
    check_owner(locked, user)
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
    copy = copy_spot(spot, locked, user)
    if locked.creative_mode != CreativeMode.REUSE:
        locked.creative_mode = CreativeMode.REUSE
        locked.save(update_fields=["creative_mode", "updated_at"])
    refresh_caller(campaign, locked)
    return copy


# --- The made spot of a creation request -----------------------------------------------
#
# in production → the team uploads the made spot (`add_spot` by an administrator:
# "awaiting your approval") → the client approves it, or asks for changes with a
# reason (`client_review_spot`; the team then uploads a new version that `replaces`
# it, the history keeps both). The approval of the campaign waits for the client's
# approval (workflow.py).


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
    check_owner(campaign, user)
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
    if approve:
        assign_house_code(locked)
    CampaignEvent.objects.create(
        campaign=campaign,
        actor=user,
        from_status=campaign.status,
        to_status=campaign.status,
        note=client_review_note(locked, approve=approve, reason=reason),
    )
    notify_client_review(campaign, approve=approve, reason=reason)
    for field in ("review_state", "review_reason", "reviewed_by_id", "reviewed_at", "house_code"):
        setattr(spot, field, getattr(locked, field))
    return spot
