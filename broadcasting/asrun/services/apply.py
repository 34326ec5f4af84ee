"""One broadcast day of an as-run import, in one transaction: the day's
airings read (and locked), matched with the day's rows, then the matched ones
confirmed aired by the import and every other outcome written down as a
discrepancy for a person. A constant number of queries whatever the rows
(bulk writes), the campaign moves aside (one per campaign that changes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Status
from campaigns.services import transition

from ...models import (
    Airing,
    AiringEvent,
    AiringStatus,
    AsRunDiscrepancy,
    AsRunImport,
    DiscrepancyKind,
    UnplacedItem,
)
from ...realtime import schedule_days_broadcast
from .. import matching
from ..planned import planned_for_day, spot_owners
from ..rows import AsRunRow

KINDS = ("cut_short", "out_of_window", "wrong_copy", "extra", "missing", "conflicts")


def _clock(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S") if moment else ""


def _seconds(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def import_note(asrun_import: AsRunImport) -> str:
    return _("As-run import %(file)s") % {"file": asrun_import.filename}


def _log_word(word: str) -> str:
    return {
        "aired": _("aired"),
        "cut_short": _("cut short"),
        "wrong_copy": _("another copy aired"),
        "out_of_window": _("aired outside its window"),
        "not_aired": _("not aired"),
    }.get(word, word)


def _recorded_word(status: str) -> str:
    return _("aired") if status == AiringStatus.AIRED else _("missed")


def _row(kind: str, row: AsRunRow | None, airing_id: int | None, detail: str) -> dict:
    values = {"kind": kind, "airing_id": airing_id, "detail": detail}
    if row is not None:
        values.update(
            line=row.line if isinstance(row.line, int) else None,
            aired_at=row.aired_at,
            duration_seconds=float(row.duration_seconds or 0),
            house_code=(row.house_code or "")[:64],
            title=(row.title or "")[:255],
        )
    return values


def discrepancies_of(
    result: matching.MatchResult, codes: dict[int, str], *, day: dt.date | None = None
) -> list[dict]:
    """The discrepancies of a match, as the values of their rows; `day` given
    when the day has no airing at all (the log's dates are outside the
    running order)."""
    found = []
    for cut in result.cut_short:
        detail = _("Aired %(aired)s s of its %(length)s s.") % {
            "aired": _seconds(cut.aired_seconds),
            "length": cut.spot_length,
        }
        found.append(_row(DiscrepancyKind.CUT_SHORT, cut.row, cut.airing_id, detail))
    for out in result.out_of_window:
        if out.airing_id is None:
            detail = _(
                "Aired at %(time)s, outside every break planned for it (nearest at %(break)s); "
                "its airings of the day are all accounted for."
            )
        else:
            detail = _("Aired at %(time)s, outside the window of its break at %(break)s.")
        detail %= {"time": _clock(out.row.aired_at), "break": _clock(out.nearest_break_at)}
        found.append(_row(DiscrepancyKind.OUT_OF_WINDOW, out.row, out.airing_id, detail))
    for wrong in result.wrong_copy:
        detail = _("Spot %(aired)s aired instead of %(expected)s.") % {
            "aired": wrong.aired_code,
            "expected": wrong.expected_code or "—",
        }
        found.append(_row(DiscrepancyKind.WRONG_COPY, wrong.row, wrong.airing_id, detail))
    for extra in result.extra:
        if day is not None:
            detail = _("Nothing is planned on %(day)s: this row matches no airing.") % {
                "day": day.strftime("%d/%m/%Y")
            }
        elif extra.reason == matching.Extra.REPEAT:
            detail = _("This spot aired again in a break where it had already aired.")
        else:
            detail = _("This spot was not planned that day.")
        found.append(_row(DiscrepancyKind.EXTRA, extra.row, None, detail))
    for missing in result.missing:
        detail = _("Nothing aired for this airing (%(code)s); its break ended at %(time)s.") % {
            "code": codes.get(missing.airing_id) or "—",
            "time": _clock(missing.break_ends_at),
        }
        values = _row(DiscrepancyKind.MISSING, None, missing.airing_id, detail)
        values["house_code"] = codes.get(missing.airing_id, "")[:64]
        found.append(values)
    for conflict in result.conflicts:
        who = _("by hand") if conflict.by_hand else _("by an import")
        detail = _("Recorded as %(recorded)s (%(who)s), but the log says: %(log)s.") % {
            "recorded": _recorded_word(conflict.recorded),
            "who": who,
            "log": _log_word(conflict.log),
        }
        values = _row(DiscrepancyKind.CONFLICT, conflict.row, conflict.airing_id, detail)
        if conflict.row is None:
            values["house_code"] = codes.get(conflict.airing_id, "")[:64]
        found.append(values)
    return found


def refresh_campaign_statuses(campaign_ids: set[int]) -> None:
    """`services.campaign_status.refresh_campaign_status` for many campaigns in a
    few queries: “en diffusion” at the first aired airing, “terminée” once
    nothing remains planned nor waiting on the unplaced list."""
    if not campaign_ids:
        return
    campaigns = list(
        Campaign.objects.filter(pk__in=campaign_ids, status__in=(Status.SCHEDULED, Status.AIRING))
    )
    if not campaigns:
        return
    ids = [campaign.pk for campaign in campaigns]
    aired = set(
        Airing.objects.filter(campaign_id__in=ids, status=AiringStatus.AIRED)
        .order_by()
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    pending = set(
        Airing.objects.filter(campaign_id__in=ids, status=AiringStatus.PLANNED)
        .order_by()
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    waiting = set(
        UnplacedItem.objects.filter(campaign_id__in=ids, resolved_at__isnull=True)
        .order_by()
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    for campaign in campaigns:
        if campaign.status == Status.SCHEDULED and campaign.pk in aired:
            transition(campaign=campaign, to_status=Status.AIRING, actor=None)
        if (
            campaign.status == Status.AIRING
            and campaign.pk not in pending
            and campaign.pk not in waiting
        ):
            transition(campaign=campaign, to_status=Status.FINISHED, actor=None)


def _add(counts: dict, more: dict) -> dict:
    merged = dict(counts)
    for key, value in more.items():
        merged[key] = merged.get(key, 0) + value
    return merged


@transaction.atomic
def apply_day(
    *,
    import_id: int,
    day: dt.date,
    rows: Sequence[AsRunRow],
    progress: int,
    now: dt.datetime | None = None,
) -> matching.MatchResult | None:
    """Match and apply the `rows` of the broadcast `day`; None when that day of
    the import was applied already (a second run changes nothing)."""
    now = now or timezone.now()
    asrun_import = AsRunImport.objects.select_for_update().get(pk=import_id)
    if day.isoformat() in asrun_import.days_done:
        return None
    planned = planned_for_day(day, lock=True)
    owners = spot_owners({airing.advertiser_id for airing in planned})
    result = matching.match_as_run(
        planned,
        rows,
        tolerance=matching.tolerance_from_settings(),
        now=now,
        spot_owners=owners,
    )
    by_id = {airing.airing_id: airing for airing in planned}
    if result.matched:
        matched_ids = [match.airing_id for match in result.matched]
        Airing.objects.filter(pk__in=matched_ids, status=AiringStatus.PLANNED).update(
            status=AiringStatus.AIRED,
            confirmed_by=None,
            confirmed_by_import_id=import_id,
            updated_at=now,
        )
        # The one value that differs per airing: its as-run time.
        Airing.objects.bulk_update(
            [Airing(pk=match.airing_id, confirmed_at=match.aired_at) for match in result.matched],
            ["confirmed_at"],
            batch_size=500,
        )
        note = import_note(asrun_import)
        AiringEvent.objects.bulk_create(
            [
                AiringEvent(
                    campaign_id=by_id[match.airing_id].campaign_id,
                    airing_id=match.airing_id,
                    action=AiringEvent.Action.AIRED,
                    actor=None,
                    note=note,
                    data={"import": import_id, "line": match.row.line},
                )
                for match in result.matched
            ],
            batch_size=500,
        )
        refresh_campaign_statuses({by_id[m.airing_id].campaign_id for m in result.matched})
        schedule_days_broadcast({day})
    codes = {airing.airing_id: airing.house_code for airing in planned}
    AsRunDiscrepancy.objects.bulk_create(
        [
            AsRunDiscrepancy(asrun_import_id=import_id, day=day, **values)
            for values in discrepancies_of(result, codes, day=None if planned else day)
        ],
        batch_size=500,
    )
    counts = result.counts()
    AsRunImport.objects.filter(pk=import_id).update(
        counts=_add(asrun_import.counts, counts),
        days_done=[*asrun_import.days_done, day.isoformat()],
        rows_ignored=F("rows_ignored") + counts["ignored"],
        progress=progress,
        heartbeat_at=timezone.now(),
    )
    return result
