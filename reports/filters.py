"""The filters of the report screens and exports, besides the period:
advertiser, business sector, time band, campaign status and a text search.

`resolve_filters` reads them from the query string and checks each one: an
unknown advertiser, sector, band or status is ignored with a message, never an
error. For an advertiser's own report (`advertiser=` given), the advertiser is
forced whatever the query string says (another company's id is ignored, never
shown), the sector filter is not offered and the bands are those of its own
campaigns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from accounts.models import Advertiser, BusinessSector
from broadcasting.models import Airing, BreakGridSlot
from campaigns.models import CampaignLine, Status
from core.numbers import parse_int
from simulator.models import TimeBand

MAX_SEARCH_LENGTH = 100
_BAND_RE = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")


@dataclass(frozen=True)
class ReportFilters:
    advertiser_id: int | None = None
    sector_id: int | None = None
    band: str = ""
    status: str = ""
    q: str = ""
    # True when `advertiser_id` is the signed-in advertiser's own company (not a
    # choice of the user: left out of the query string, never changeable).
    advertiser_forced: bool = False
    advertiser_name: str = ""
    sector_name: str = ""
    messages: list[str] = field(default_factory=list, compare=False)

    def as_params(self) -> dict[str, str]:
        """The filters the user chose, as query parameters (empty ones left out)."""
        params = {}
        if self.advertiser_id and not self.advertiser_forced:
            params["advertiser"] = str(self.advertiser_id)
        if self.sector_id:
            params["sector"] = str(self.sector_id)
        if self.band:
            params["band"] = self.band
        if self.status:
            params["status"] = self.status
        if self.q:
            params["q"] = self.q
        return params

    def querystring(self) -> str:
        return urlencode(self.as_params())

    @property
    def is_active(self) -> bool:
        return bool(self.as_params())

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""


def _int_param(params: Mapping, name: str) -> tuple[int | None, bool]:
    """(value, given): the positive integer in `params[name]`, None if absent or
    not an integer (`given` tells which)."""
    raw = (params.get(name) or "").strip() if params else ""
    if not raw:
        return None, False
    return parse_int(raw, minimum=1, maximum=999_999_999_999), True


def band_codes(*, advertiser=None) -> list[str]:
    """The time band codes a report may be filtered on: the rate cards' bands
    and the break grid's for the staff; the bands of its own campaigns and
    airings for an advertiser."""
    if advertiser is not None:
        codes = set(
            CampaignLine.objects.filter(campaign__advertiser=advertiser)
            .values_list("band_code", flat=True)
            .distinct()
        )
        codes |= set(
            Airing.objects.filter(advertiser=advertiser)
            .order_by()
            .values_list("band_code", flat=True)
            .distinct()
        )
        return sorted(codes)
    codes = set(TimeBand.objects.order_by().values_list("code", flat=True).distinct())
    codes |= set(BreakGridSlot.objects.order_by().values_list("band_code", flat=True).distinct())
    return sorted(codes)


def band_names() -> dict[str, str]:
    """{code: name} of the time bands, the most recent rate card's name winning."""
    names: dict[str, str] = {}
    rows = TimeBand.objects.order_by("rate_card__valid_from", "rate_card_id").values_list(
        "code", "name"
    )
    for code, name in rows:
        names[code] = name
    return names


def resolve_filters(params: Mapping, *, advertiser=None) -> ReportFilters:
    """The filters asked for by `params`, checked. `advertiser`: the signed-in
    advertiser's company, forced on every figure."""
    messages: list[str] = []
    values: dict = {}

    if advertiser is not None:
        values.update(
            advertiser_id=advertiser.pk, advertiser_forced=True, advertiser_name=advertiser.name
        )
    else:
        advertiser_id, given = _int_param(params, "advertiser")
        if advertiser_id is not None:
            name = (
                Advertiser.objects.filter(pk=advertiser_id).values_list("name", flat=True).first()
            )
            if name is None:
                advertiser_id = None
            else:
                values.update(advertiser_id=advertiser_id, advertiser_name=name)
        if given and advertiser_id is None:
            messages.append(_("Unknown advertiser: that filter was ignored."))

        sector_id, given = _int_param(params, "sector")
        if sector_id is not None:
            name = (
                BusinessSector.objects.filter(pk=sector_id).values_list("name", flat=True).first()
            )
            if name is None:
                sector_id = None
            else:
                values.update(sector_id=sector_id, sector_name=name)
        if given and sector_id is None:
            messages.append(_("Unknown business sector: that filter was ignored."))

    band = (params.get("band") or "").strip() if params else ""
    if band:
        if _BAND_RE.match(band) and band in band_codes(advertiser=advertiser):
            values["band"] = band
        else:
            messages.append(_("Unknown time band: that filter was ignored."))

    status = (params.get("status") or "").strip() if params else ""
    if status:
        if status in Status.values:
            values["status"] = status
        else:
            messages.append(_("Unknown campaign status: that filter was ignored."))

    q = " ".join(((params.get("q") or "") if params else "").split())
    if len(q) > MAX_SEARCH_LENGTH:
        q = q[:MAX_SEARCH_LENGTH]
        messages.append(
            _("The search was shortened to %(count)s characters.") % {"count": MAX_SEARCH_LENGTH}
        )
    values["q"] = q

    return ReportFilters(messages=messages, **values)


def advertiser_choices() -> list[tuple[int, str]]:
    return list(Advertiser.objects.order_by("name", "pk").values_list("pk", "name"))


def sector_choices() -> list[tuple[int, str]]:
    return list(BusinessSector.objects.order_by("name", "pk").values_list("pk", "name"))


def band_choices(*, advertiser=None) -> list[tuple[str, str]]:
    names = band_names()
    return [(code, names.get(code, code)) for code in band_codes(advertiser=advertiser)]


def filter_choices(*, advertiser=None) -> dict:
    """The options of the filter form: advertisers and sectors (staff only),
    bands (code, name) and campaign statuses."""
    staff = advertiser is None
    return {
        "bands": band_choices(advertiser=advertiser),
        "statuses": list(Status.choices),
        "advertisers": advertiser_choices() if staff else [],
        "sectors": sector_choices() if staff else [],
    }
