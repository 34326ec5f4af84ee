"""The running order of the planning dashboard (`/diffusion/?date=`), read narrow.

Two queries whatever the number of airings: the breaks, then their airings as
plain rows (`.values()`) with only the columns the page shows — no model
instance, no JSON field (the spot's technical report and its player are loaded
on demand, see `views.planning.spot_preview`). Every label a row shows is
computed here once, so that the template only prints."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from functools import cache

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import clock as broadcast_day

from ..models import Airing, AiringStatus, Break, BreakStatus
from .badges import AIRED, MAKE_GOOD, MISSED, PLANNED, badge_label

AIRING_COLUMNS = (
    "id",
    "break_slot_id",
    "position",
    "length",
    "status",
    "make_good_of_id",
    "confirmed_at",
    "confirmed_by_id",
    "confirmed_by_import_id",
    "confirmed_by__first_name",
    "confirmed_by__last_name",
    "confirmed_by__email",
    "missed_reason",
    "advertiser__name",
    "campaign__title",
    "spot_id",
    "spot__uuid",
    "spot__house_code",
    "spot__kind",
    "spot__media__title",
    "spot__media__file",
    "spot__media__thumbnail",
    "spot__image__title",
    "spot__image__file",
    "spot__poster__file",
    "make_good_of__break_slot__starts_at",
    "make_good_of__break_slot__label",
    "make_good__id",
    "make_good__make_good_accepted",
    "make_good__break_slot__starts_at",
    "make_good__break_slot__label",
)


@cache
def _storages():
    from wagtail.images import get_image_model
    from wagtailmedia.models import get_media_model

    media, image = get_media_model(), get_image_model()
    return (
        media._meta.get_field("file").storage,
        media._meta.get_field("thumbnail").storage,
        image._meta.get_field("file").storage,
    )


def moment(starts_at: dt.datetime | None, label: str, tz=None) -> str:
    """A break as `Break.__str__` says it: "dd/mm/YYYY HH:MM · label"."""
    if starts_at is None:
        return ""
    local = starts_at.astimezone(tz or timezone.get_current_timezone())
    return f"{local:%d/%m/%Y %H:%M}{f' · {label}' if label else ''}"


class AiringInfo:
    """The airing's own fields a row needs (what `row.airing` used to be)."""

    __slots__ = (
        "pk",
        "position",
        "length",
        "status",
        "make_good_of_id",
        "confirmed_at",
        "confirmed_by_id",
        "confirmed_by",
        "missed_reason",
        "advertiser",
        "campaign",
    )

    def __init__(self, values: dict):
        self.pk = values["id"]
        self.position = values["position"]
        self.length = values["length"]
        self.status = values["status"]
        self.make_good_of_id = values["make_good_of_id"]
        self.confirmed_at = values["confirmed_at"]
        self.confirmed_by_id = values["confirmed_by_id"]
        first, last = values["confirmed_by__first_name"], values["confirmed_by__last_name"]
        who = f"{first or ''} {last or ''}".strip()
        self.confirmed_by = who or values["confirmed_by__email"] or ""
        self.missed_reason = values["missed_reason"]
        self.advertiser = values["advertiser__name"]
        self.campaign = values["campaign__title"]

    @property
    def is_make_good(self) -> bool:
        return self.make_good_of_id is not None

    def __str__(self) -> str:
        return f"{self.campaign} · {self.advertiser}"


@dataclass
class LinkedAiring:
    """The make-good of a missed airing, or the missed airing a make-good replaces:
    `break_slot` is its break in words."""

    pk: int
    break_slot: str
    make_good_accepted: bool = False


@dataclass
class AiringRow:
    airing: AiringInfo
    badge: str
    badge_label: str
    spot_title: str
    file_name: str
    player: dict
    has_report: bool
    is_late: bool
    house_code: str = ""
    status_text: str = ""
    confirmation: str = ""
    by_import: bool = False  # confirmed aired by an as-run import
    download_label: str = ""
    report_url: str = ""
    make_good_text: str = ""
    replaces_text: str = ""
    make_good: LinkedAiring | None = None
    replaces: LinkedAiring | None = None
    can_confirm: bool = False
    can_mark_missed: bool = False
    # Set by the view for the signed-in user.
    can_undo: bool = False
    undo_until: dt.datetime | None = None
    undo_label: str = ""
    admin_undo: bool = False


@dataclass
class BreakRow:
    brk: Break
    airings: list[AiringRow] = field(default_factory=list)
    has_started: bool = False
    is_today: bool = False
    local_start: dt.datetime | None = None
    band_name: str = ""
    fill_text: str = ""
    # Started over PAST_AFTER ago with nothing left to confirm: collapsed, its
    # rows loaded on demand from `rows_url`.
    is_past: bool = False
    rows_url: str = ""
    counts: dict = field(default_factory=dict)

    @property
    def airing_count(self) -> int:
        return len(self.airings)

    @property
    def is_cancelled(self) -> bool:
        return self.brk.status == BreakStatus.CANCELLED

    @property
    def fill_percent(self) -> int:
        if not self.brk.capacity:
            return 0
        return min(round(100 * self.brk.booked_seconds / self.brk.capacity), 100)

    @property
    def is_over(self) -> bool:
        return self.brk.booked_seconds > self.brk.capacity

    @property
    def planned_count(self) -> int:
        return sum(1 for row in self.airings if row.airing.status == AiringStatus.PLANNED)

    @property
    def can_confirm_all(self) -> bool:
        return self.is_today and self.has_started and not self.is_cancelled and self.planned_count


def spot_title(values: dict) -> str:
    """`str(spot)`: its file's library title without the advertiser's prefix."""
    if values["spot_id"] is None:
        return ""
    title = values["spot__media__title"] if values["spot__kind"] == "video" else None
    if values["spot__kind"] != "video":
        title = values["spot__image__title"]
    if title is None:
        return str(values["spot__uuid"])
    _head, separator, rest = title.partition(" · ")
    return rest if separator and rest else title


def spot_file_name(name: str, title: str) -> str:
    name = posixpath.basename(name or "")
    if name.startswith("spot~"):  # a private random name: the spot's title reads better
        return f"{slugify(title)[:80] or 'spot'}{posixpath.splitext(name)[1]}"
    return name


def player_of(values: dict) -> tuple[dict, str]:
    """What `campaigns.selectors.spot_player` gives, from plain columns; and the
    file's stored name."""
    media_storage, thumb_storage, image_storage = _storages()
    kind = values["spot__kind"] or ""
    url = poster = None
    name = ""
    if kind == "video" and values["spot__media__file"]:
        name = values["spot__media__file"]
        url = media_storage.url(name)
        if values["spot__poster__file"]:
            poster = image_storage.url(values["spot__poster__file"])
        elif values["spot__media__thumbnail"]:
            poster = thumb_storage.url(values["spot__media__thumbnail"])
    elif kind == "image" and values["spot__image__file"]:
        name = values["spot__image__file"]
        url = image_storage.url(name)
    return {"kind": kind, "url": url, "poster": poster}, name


def _airing_values(first: dt.date, last: dt.date):
    has_report = ExpressionWrapper(
        Q(spot__technical_report__isnull=False) & ~Q(spot__technical_report={}),
        output_field=BooleanField(),
    )
    return (
        Airing.objects.filter(break_slot__day__gte=first, break_slot__day__lte=last)
        .exclude(status=AiringStatus.CANCELLED)
        .order_by("position", "pk")
        .annotate(has_report=has_report)
        .values(*AIRING_COLUMNS, "has_report")
    )


PAST_AFTER = dt.timedelta(hours=1)


def running_order(
    first: dt.date,
    last: dt.date | None = None,
    *,
    now=None,
    band_names: dict | None = None,
    break_id: int | None = None,
) -> list[BreakRow]:
    """Break rows of the broadcast days `first`..`last` (one day by default), or
    of the one break `break_id` among them. Two queries. `band_names`: band code
    -> name for the badges (the code without)."""
    last = last or first
    now = now or timezone.now()
    today = broadcast_day.day_of(now)
    names = band_names or {}
    labels = {key: badge_label(key) for key in (PLANNED, AIRED, MISSED, MAKE_GOOD)}
    texts = {
        "fill": _("%(booked)s s booked of %(capacity)s s"),
        "confirmed": _("Confirmed by %(who)s at %(at)s"),
        "missed": _("Marked missed by %(who)s at %(at)s"),
        "by_import": _("Aired · by import at %(at)s"),
        "download": _("Download %(name)s"),
        "offered": _("Make-good offered on %(moment)s"),
        "replaces": _("Make-good of the airing missed on %(moment)s"),
        "report_url": reverse("broadcasting:spot_report", kwargs={"pk": 0}),
        "tz": timezone.get_current_timezone(),
    }
    rows: dict[int, BreakRow] = {}
    actionable: dict[int, bool] = {}
    breaks = Break.objects.filter(day__gte=first, day__lte=last).order_by("starts_at", "pk")
    airings = _airing_values(first, last)
    if break_id is not None:
        breaks = breaks.filter(pk=break_id)
        airings = airings.filter(break_slot_id=break_id)
    rows_url = reverse("broadcasting:fragment")
    spots: dict = {}
    for brk in breaks:
        started = brk.starts_at <= now
        rows[brk.pk] = BreakRow(
            brk=brk,
            has_started=started,
            is_today=brk.day == today,
            local_start=timezone.localtime(brk.starts_at),
            band_name=names.get(brk.band_code, brk.band_code),
            fill_text=texts["fill"] % {"booked": brk.booked_seconds, "capacity": brk.capacity},
        )
        actionable[brk.pk] = started and brk.day == today and brk.status == BreakStatus.OPEN
    for values in airings:
        brk_row = rows.get(values["break_slot_id"])
        if brk_row is None:
            continue
        brk_row.airings.append(
            _row(values, brk_row, actionable[brk_row.brk.pk], labels, texts, spots)
        )
    for row in rows.values():
        statuses = [item.airing.status for item in row.airings]
        row.counts = {key: statuses.count(key) for key in (AIRED, MISSED, PLANNED)}
        past = row.brk.starts_at <= now - PAST_AFTER
        row.is_past = bool(statuses) and past and not row.counts[PLANNED]
        if row.is_past:
            row.rows_url = f"{rows_url}?date={row.brk.day:%Y-%m-%d}&break={row.brk.pk}"
    return list(rows.values())


NO_PLAYER = {"kind": "", "url": None, "poster": None}


def _row(values: dict, brk_row: BreakRow, actionable: bool, labels: dict, texts: dict, spots):
    airing = AiringInfo(values)
    status = airing.status
    planned = status == AiringStatus.PLANNED
    if status == AiringStatus.AIRED:
        badge = AIRED
    elif status == AiringStatus.MISSED:
        badge = MISSED
    else:
        badge = MAKE_GOOD if airing.is_make_good else PLANNED
    spot = spots.get(values["spot_id"])
    if spot is None:  # once per spot of the day: title, player, file name, code
        title = spot_title(values)
        player, stored = player_of(values) if values["spot_id"] else (NO_PLAYER, "")
        name, code = spot_file_name(stored, title), values["spot__house_code"] or ""
        spot = spots[values["spot_id"]] = (title, player, name, code)
    title, player, file_name, house_code = spot
    row = AiringRow(
        airing=airing,
        badge=badge,
        badge_label=labels[badge],
        spot_title=title,
        file_name=file_name,
        player=player,
        has_report=bool(values["has_report"]) and values["spot_id"] is not None,
        is_late=brk_row.has_started and planned,
        house_code=house_code,
        can_confirm=actionable and planned,
        can_mark_missed=actionable and planned,
    )
    text = labels[badge]
    if airing.is_make_good and badge != MAKE_GOOD:
        text = f"{text} ({labels[MAKE_GOOD]})"
    row.status_text = text
    if player["url"]:
        row.download_label = texts["download"] % {"name": row.file_name}
    if row.has_report:
        row.report_url = texts["report_url"].replace("/0/", f"/{values['spot_id']}/", 1)
    if airing.confirmed_at is not None:
        key = "missed" if status == AiringStatus.MISSED else "confirmed"
        row.by_import = key == "confirmed" and values["confirmed_by_import_id"] is not None
        key = "by_import" if row.by_import else key
        at = airing.confirmed_at.astimezone(texts["tz"])
        row.confirmation = texts[key] % {"who": airing.confirmed_by or "—", "at": f"{at:%H:%M}"}
    if status == AiringStatus.MISSED and values["make_good__id"] is not None:
        row.make_good = LinkedAiring(
            pk=values["make_good__id"],
            break_slot=moment(
                values["make_good__break_slot__starts_at"],
                values["make_good__break_slot__label"],
                texts["tz"],
            ),
            make_good_accepted=values["make_good__make_good_accepted"],
        )
        row.make_good_text = texts["offered"] % {"moment": row.make_good.break_slot}
    if airing.make_good_of_id is not None:
        row.replaces = LinkedAiring(
            pk=airing.make_good_of_id,
            break_slot=moment(
                values["make_good_of__break_slot__starts_at"],
                values["make_good_of__break_slot__label"],
                texts["tz"],
            ),
        )
        row.replaces_text = texts["replaces"] % {"moment": row.replaces.break_slot}
    return row
