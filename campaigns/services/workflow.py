"""The life of a campaign: the state machine and the moves through it.

Statuses move only through `move`, which checks the move against `ALLOWED_MOVES`,
records a `CampaignEvent` and notifies (notices.py). Concurrency: every move locks
the campaign row (`select_for_update`) and re-reads its status under the lock, so
two administrators acting on the same campaign at once are serialised: the second
one gets a clear error ("this campaign is now approved") instead of overwriting the
first one's decision. Approval tells broadcasting once it commits
(`campaigns.signals.campaign_approved`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_administrator

from ..exceptions import CampaignError
from ..models import Campaign, CampaignEvent, CreativeMode, ReviewState, Status
from ..realtime import schedule_pending_counts_broadcast
from ..signals import campaign_approved
from .base import check_owner, locked_campaign, refresh_caller, status_label
from .notices import notify_move

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


def move(campaign: Campaign, *, to_status: str, actor, note: str = "") -> CampaignEvent:
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
    notify_move(campaign, from_status, to_status, note)
    schedule_pending_counts_broadcast()
    if to_status == Status.APPROVED:
        # Broadcasting places the airings once this commits (campaigns.signals).
        campaign_id = campaign.pk
        transaction.on_commit(
            lambda: campaign_approved.send(sender=Campaign, campaign_id=campaign_id)
        )
    return event


# --- Moves ---------------------------------------------------------------------------------


def _check_actor(campaign: Campaign, to_status: str, actor) -> None:
    if to_status in ADMIN_MOVES and not is_administrator(actor):
        raise CampaignError(_("Only the commercial team can make this decision."))
    if to_status in SYSTEM_MOVES and actor is not None and not is_administrator(actor):
        raise CampaignError(_("Only the commercial team can make this decision."))
    if to_status == Status.CANCELLED and not is_administrator(actor):
        check_owner(campaign, actor)
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
    locked = locked_campaign(campaign)
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
    move(locked, to_status=to_status, actor=actor, note=note)
    refresh_caller(campaign, locked)
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
    locked = locked_campaign(campaign)
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


# --- Creation requests ("make it for me") -------------------------------------------------
#
# submitted → (start_production) in production → the team uploads the made spot
# (`add_spot` by an administrator: "awaiting your approval") → the client approves
# it, or asks for changes with a reason (`client_review_spot`; the team then uploads
# a new version that `replaces` it, the history keeps both; see spots.py) → the team
# approves the campaign, which `_check_approval` allows only once the client approved
# a spot.


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
