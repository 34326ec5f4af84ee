"""The advertiser's calendar (`/broadcasts/`): their airings of a month or a
week read as plain columns (one query, no model instance, no JSON field) and
turned into rows whose words, times and colours are computed once here, so that
the template prints them in one inlined loop."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import Campaign

from ..models import Airing, AiringStatus
from .advertiser import DISPLAY, MAKE_GOOD, SHOWN_STATUSES, AiringRow
from .bands import band_names

CHIPS = {
    "aired": "bg-emerald-100 text-emerald-800",
    "missed": "bg-red-100 text-red-800",
    "make-good": "bg-amber-100 text-amber-900",
}
DEFAULT_CHIP = "bg-sky-100 text-sky-800"


# The columns the calendar shows: no JSON field of the campaign, nothing else.
CALENDAR_FIELDS = (
    "pk",
    "status",
    "band_code",
    "make_good_of_id",
    "spot_id",
    "break_slot__day",
    "break_slot__starts_at",
    "break_slot__label",
    "campaign__title",
    "spot__kind",
    "spot__uuid",
    "spot__media__title",
    "spot__image__title",
)


def calendar_airings(
    advertiser_id, *, start: dt.date, end: dt.date, campaign: Campaign | None = None
) -> QuerySet:
    """`airings_between` as plain tuples of CALENDAR_FIELDS (one query, no model
    instance); `calendar_rows` turns them into rows."""
    queryset = Airing.objects.filter(
        advertiser_id=advertiser_id,
        status__in=SHOWN_STATUSES,
        break_slot__day__gte=start,
        break_slot__day__lte=end,
    )
    if campaign is not None:
        queryset = queryset.filter(campaign=campaign)
    return queryset.order_by("break_slot__starts_at", "position", "pk").values_list(
        *CALENDAR_FIELDS
    )


def _spot_title(kind, uuid, media_title, image_title) -> str:
    """What `str(spot)` gives, from the columns: the file's title without the
    advertiser's name the libraries put first."""
    title = media_title if kind == "video" else image_title
    if title is None:
        return str(uuid)
    _head, separator, rest = title.partition(" · ")
    return rest if separator and rest else title


def calendar_rows(values) -> list[AiringRow]:
    """The calendar's rows from `calendar_airings`, with what it prints already
    computed: local time, the tooltip, the chip's colours and words (labels
    translated once, not per row). `row.airing` is a plain namespace (pk,
    status, make_good_of_id, spot_id, campaign.title, break_slot.day /
    starts_at / label)."""
    names = band_names()
    labels = {key: (str(label), str(label).capitalize()) for key, (label, _css) in DISPLAY.items()}
    make_good = labels[MAKE_GOOD][0]
    zone = timezone.get_current_timezone()
    out = []
    for (
        pk,
        status,
        band_code,
        make_good_of_id,
        spot_id,
        day,
        starts_at,
        break_label,
        title,
        spot_kind,
        spot_uuid,
        media_title,
        image_title,
    ) in values:
        key = MAKE_GOOD if status == AiringStatus.PLANNED and make_good_of_id else status
        label, capitalised = labels[key]
        css = DISPLAY[key][1]
        band = names.get(band_code, band_code)
        airing = SimpleNamespace(
            pk=pk,
            status=status,
            make_good_of_id=make_good_of_id,
            spot_id=spot_id,
            band_code=band_code,
            campaign=SimpleNamespace(title=title),
            break_slot=SimpleNamespace(day=day, starts_at=starts_at, label=break_label),
        )
        local = starts_at.astimezone(zone)
        time = local.strftime("%H:%M")
        row = AiringRow(
            airing=airing,  # type: ignore[arg-type]
            key=key,
            label=label,
            css=css,
            band=band,
            time=time,
            iso=local.isoformat(),
            title=f"{time} · {title} · {band} · {label}",
            chip=CHIPS.get(css, DEFAULT_CHIP),
            chip_text=capitalised,
            sr_label=label,
            spot=_spot_title(spot_kind, spot_uuid, media_title, image_title) if spot_id else "",
        )
        if make_good_of_id and key != MAKE_GOOD:
            row.sr_label = f"{label} ({make_good})"
            row.chip_text = f"{capitalised} · {make_good}"
        out.append(row)
    return out
