"""A person resolves a discrepancy of an as-run import: accepts the airing as
aired (at the log's time, attributed to that person, noted from the import),
marks it missed (through the running order's own flow, so that a make-good is
offered) or ignores it. Only broadcasters and administrators may; a
discrepancy already resolved is refused; a refusal changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_administrator
from accounts.roles import Role, has_role

from ...exceptions import BroadcastError
from ...models import Airing, AiringEvent, AiringStatus, AsRunDiscrepancy, Resolution
from ...services import airings as airing_services
from ...services.campaign_status import refresh_campaign_status
from ...services.notices import notify_confirmed
from .apply import import_note


def _check_reviewer(actor) -> None:
    if not (has_role(actor, Role.BROADCASTER) or is_administrator(actor)):
        raise BroadcastError(_("Only the broadcasting team can review as-run discrepancies."))


def _locked(discrepancy: AsRunDiscrepancy) -> AsRunDiscrepancy:
    locked = (
        AsRunDiscrepancy.objects.select_for_update()
        .select_related("asrun_import")
        .filter(pk=discrepancy.pk)
        .first()
    )
    if locked is None:
        raise BroadcastError(_("This discrepancy does not exist."))
    if locked.resolution != Resolution.OPEN:
        raise BroadcastError(_("This discrepancy is already resolved."))
    return locked


def _airing_of(discrepancy: AsRunDiscrepancy) -> Airing:
    if discrepancy.airing_id is None:
        raise BroadcastError(_("No planned airing goes with this row: it can only be ignored."))
    return (
        Airing.objects.select_for_update()
        .select_related("break_slot", "campaign")
        .get(pk=discrepancy.airing_id)
    )


def _resolve(discrepancy: AsRunDiscrepancy, *, actor, resolution: str, note: str = "") -> None:
    discrepancy.resolution = resolution
    discrepancy.resolved_by = actor
    discrepancy.resolved_at = timezone.now()
    discrepancy.note = note
    discrepancy.save(update_fields=["resolution", "resolved_by", "resolved_at", "note"])


@transaction.atomic
def accept_as_aired(*, discrepancy: AsRunDiscrepancy, actor) -> AsRunDiscrepancy:
    """The airing aired after all: confirmed at the row's time (its break's
    start when the log has no row), by `actor`, noted from the import. An
    airing already confirmed aired is left as it is."""
    _check_reviewer(actor)
    discrepancy = _locked(discrepancy)
    airing = _airing_of(discrepancy)
    if airing.status == AiringStatus.PLANNED:
        asrun_import = discrepancy.asrun_import
        airing.status = AiringStatus.AIRED
        airing.confirmed_by = actor
        airing.confirmed_at = discrepancy.aired_at or airing.break_slot.starts_at
        airing.confirmed_by_import = asrun_import
        airing.save(
            update_fields=[
                "status",
                "confirmed_by",
                "confirmed_at",
                "confirmed_by_import",
                "updated_at",
            ]
        )
        AiringEvent.objects.create(
            campaign=airing.campaign,
            airing=airing,
            action=AiringEvent.Action.AIRED,
            actor=actor,
            note=import_note(asrun_import),
            data={"import": asrun_import.pk, "discrepancy": discrepancy.pk},
        )
        refresh_campaign_status(airing.campaign)
        notify_confirmed([airing])
    elif airing.status != AiringStatus.AIRED:
        raise BroadcastError(
            _(
                "This airing is recorded as %(status)s: undo that confirmation on the "
                "running order first."
            )
            % {"status": airing.get_status_display()}
        )
    _resolve(discrepancy, actor=actor, resolution=Resolution.ACCEPTED_AIRED)
    return discrepancy


@transaction.atomic
def mark_missed(*, discrepancy: AsRunDiscrepancy, actor, reason: str) -> AsRunDiscrepancy:
    """The airing did not air: marked missed with `reason` by the running
    order's flow (a make-good offered). One already missed is left as it is."""
    _check_reviewer(actor)
    discrepancy = _locked(discrepancy)
    airing = _airing_of(discrepancy)
    reason = (reason or "").strip()
    if airing.status == AiringStatus.PLANNED:
        airing_services.mark_missed(airing=airing, actor=actor, reason=reason, any_day=True)
    elif airing.status != AiringStatus.MISSED:
        raise BroadcastError(
            _(
                "This airing is recorded as %(status)s: undo that confirmation on the "
                "running order first."
            )
            % {"status": airing.get_status_display()}
        )
    _resolve(discrepancy, actor=actor, resolution=Resolution.MARKED_MISSED, note=reason)
    return discrepancy


@transaction.atomic
def ignore(*, discrepancy: AsRunDiscrepancy, actor, note: str = "") -> AsRunDiscrepancy:
    """Nothing to do (an extra the station aired on purpose, a known fault)."""
    _check_reviewer(actor)
    discrepancy = _locked(discrepancy)
    _resolve(discrepancy, actor=actor, resolution=Resolution.IGNORED, note=(note or "").strip())
    return discrepancy
