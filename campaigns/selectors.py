"""Reads of the campaigns app, shared by the client pages, the admin, exports
and APIs. Listings run a constant number of queries whatever their length."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from core.money import fcfa as format_fcfa

from .models import Campaign, CampaignEvent, CampaignLine, ReviewState, Spot, Status
from .models.campaign import CLOSED_STATUSES


def _count(queryset) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values("campaign").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def with_listing_data(queryset: QuerySet) -> QuerySet:
    """Everything a listing row shows, in one query plus one for the lines:
    sector, advertiser, spot counts by review state and total airings."""
    spots = Spot.objects.filter(campaign=OuterRef("pk"))
    airings = (
        CampaignLine.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(total=Sum("airings"))
        .values("total")
    )
    return (
        queryset.select_related("advertiser", "sector")
        .annotate(
            spot_count=_count(spots),
            approved_spot_count=_count(spots.filter(review_state=ReviewState.APPROVED)),
            pending_spot_count=_count(spots.filter(review_state=ReviewState.PENDING)),
            airings_total=Coalesce(Subquery(airings, output_field=IntegerField()), 0),
        )
        .prefetch_related(Prefetch("lines", queryset=CampaignLine.objects.order_by("pk")))
    )


def campaigns_for_advertiser(
    advertiser,
    *,
    status: str | list[str] | None = None,
    search: str = "",
    start: date | None = None,
    end: date | None = None,
    archived: bool = False,
    listing_data: bool = True,
) -> QuerySet[Campaign]:
    """The company's campaigns, newest first. `archived` lists the finished,
    refused and cancelled ones, otherwise the others; `start`/`end` keep the
    campaigns whose airing period overlaps that period; `search` looks in the
    title and product. Without `listing_data`, the plain filtered queryset (to
    paginate cheaply, then `listing_rows` of one page)."""
    qs = Campaign.objects.filter(advertiser=advertiser)
    if archived:
        qs = qs.filter(status__in=CLOSED_STATUSES)
    else:
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        qs = qs.filter(status__in=statuses)
    search = (search or "").strip()
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(product__icontains=search))
    if start is not None:
        qs = qs.filter(end_date__gte=start)
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    qs = qs.order_by("-created_at", "-pk")
    return with_listing_data(qs) if listing_data else qs


# The colours of a campaign's status chip (templates/campaigns/_status.html).
STATUS_CHIP = {
    Status.DRAFT: "bg-slate-100 text-slate-700",
    Status.SUBMITTED: "bg-sky-100 text-sky-800",
    Status.IN_PRODUCTION: "bg-sky-100 text-sky-800",
    Status.CHANGES_REQUESTED: "bg-amber-100 text-amber-900",
    Status.REFUSED: "bg-red-100 text-red-800",
    Status.CANCELLED: "bg-red-100 text-red-800",
}
DEFAULT_CHIP = "bg-emerald-100 text-emerald-800"
LISTING_FIELDS = (
    "pk",
    "uuid",
    "title",
    "product",
    "sector__name",
    "status",
    "start_date",
    "end_date",
    "quote_total",
)


@dataclass(slots=True)
class ListingRow:
    """One row of the advertiser's campaign list, ready to print."""

    pk: int
    uuid: uuid_module.UUID
    title: str
    product: str
    sector_name: str | None
    status: str
    start_date: date | None
    end_date: date | None
    quote_total: int
    url: str = ""
    status_label: str = ""
    status_chip: str = ""
    spot_count: int = 0
    approved_spot_count: int = 0
    pending_spot_count: int = 0
    airings_total: int = 0
    period: str = "—"  # 02/03/2026 – 15/03/2026
    total: str = "—"  # 103 545 FCFA


def listing_rows(campaigns: QuerySet[Campaign]) -> list[ListingRow]:
    """The rows of the advertiser's list for `campaigns` (one page, already
    sliced): three queries whatever the rows (the rows, the spots by review
    state, the airings of the lines), no model instance, no JSON field decoded,
    the status label and chip computed once per status."""
    rows = [ListingRow(*values) for values in campaigns.values_list(*LISTING_FIELDS)]
    ids = [row.pk for row in rows]
    spots: dict[int, dict[str, int]] = {}
    airings: dict[int, int] = {}
    if ids:
        for campaign_id, state, count in (
            Spot.objects.filter(campaign_id__in=ids)
            .order_by()
            .values_list("campaign_id", "review_state")
            .annotate(n=Count("pk"))
        ):
            spots.setdefault(campaign_id, {})[state] = count
        airings = dict(
            CampaignLine.objects.filter(campaign_id__in=ids)
            .order_by()
            .values_list("campaign_id")
            .annotate(total=Sum("airings"))
        )
    labels: dict[str, str] = {}
    placeholder = str(uuid_module.UUID(int=0))
    detail_url = reverse("campaigns:detail", kwargs={"uuid": placeholder})
    for row in rows:
        states = spots.get(row.pk, {})
        status = row.status
        if status not in labels:
            labels[status] = str(Status(status).label) if status in Status.values else status
        row.url = detail_url.replace(placeholder, str(row.uuid))
        row.status_label = labels[status]
        row.status_chip = STATUS_CHIP.get(status, DEFAULT_CHIP)
        row.spot_count = sum(states.values())
        row.approved_spot_count = states.get(ReviewState.APPROVED, 0)
        row.pending_spot_count = states.get(ReviewState.PENDING, 0)
        row.airings_total = airings.get(row.pk) or 0
        if row.start_date:
            end = row.end_date.strftime("%d/%m/%Y") if row.end_date else ""
            row.period = f"{row.start_date.strftime('%d/%m/%Y')} – {end}"
        if row.quote_total:
            row.total = format_fcfa(row.quote_total)
    return rows


def campaign_for_user(user, uuid) -> Campaign:
    """The campaign `uuid` of the user's company, with what its detail page
    shows; 404 for any other (another company's, unknown, malformed)."""
    advertiser_id = getattr(user, "advertiser_id", None)
    if advertiser_id is None:
        raise Http404
    try:
        key = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    except (TypeError, ValueError):
        raise Http404 from None
    campaign = (
        Campaign.objects.filter(advertiser_id=advertiser_id, uuid=key)
        .select_related("advertiser", "sector", "rate_card", "created_by")
        .prefetch_related(
            Prefetch("lines", queryset=CampaignLine.objects.order_by("pk")),
            Prefetch(
                "events",
                queryset=CampaignEvent.objects.select_related("actor").order_by("created_at", "pk"),
            ),
            Prefetch(
                "spots",
                queryset=Spot.objects.select_related(
                    "media", "image", "poster", "replaces"
                ).order_by("-created_at", "-pk"),
            ),
        )
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def campaigns_for_review(*, statuses: tuple[str, ...] = (Status.SUBMITTED,)) -> QuerySet[Campaign]:
    """What the commercial team has to look at: by default the submitted
    campaigns, highest priority then oldest submission first."""
    return with_listing_data(Campaign.objects.filter(status__in=statuses)).order_by(
        "-priority", "submitted_at", "pk"
    )


def pending_counts() -> dict[str, int]:
    """The counts of the admin dashboard's panels, always fresh (staff act on
    them): the two campaign counts in one query, the spots in another."""
    in_progress = (Status.SUBMITTED, Status.IN_PRODUCTION)
    campaigns = Campaign.objects.filter(status__in=in_progress).aggregate(
        campaigns=Count("pk", filter=Q(status=Status.SUBMITTED)),
        creation_requests=Count("pk", filter=Q(creative_mode="make")),
    )
    return {
        "campaigns": campaigns["campaigns"],
        "creation_requests": campaigns["creation_requests"],
        "spots": Spot.objects.filter(review_state=ReviewState.PENDING)
        .exclude(campaign__status__in=CLOSED_STATUSES)
        .count(),
    }


def spots_for_review() -> QuerySet[Spot]:
    return (
        Spot.objects.filter(review_state=ReviewState.PENDING)
        .exclude(campaign__status__in=CLOSED_STATUSES)
        .select_related("campaign", "advertiser", "media", "image", "poster", "uploaded_by")
        .order_by("created_at", "pk")
    )


def reusable_spots(advertiser) -> QuerySet[Spot]:
    """The company's approved spots that a new campaign may reuse (the original
    of each file only, not its reused copies)."""
    return (
        Spot.objects.filter(
            advertiser=advertiser, review_state=ReviewState.APPROVED, reused_from__isnull=True
        )
        .select_related("campaign", "media", "image", "poster")
        .order_by("-created_at", "-pk")
    )


def spot_player(spot: Spot) -> dict:
    """What a page needs to play or show a spot: the file's URL, the poster's URL
    for a video, and the kind. The URLs are under /media/, whose view lets the
    spot's advertiser, the broadcasters and the administrators read them (see
    campaigns.media_access). Needs `media`, `image` and `poster` selected."""
    url = poster = None
    if spot.kind == "video" and spot.media_id and spot.media.file:
        url = spot.media.file.url
        if spot.poster_id and spot.poster.file:
            poster = spot.poster.file.url
        elif spot.media.thumbnail:
            poster = spot.media.thumbnail.url
    elif spot.kind == "image" and spot.image_id and spot.image.file:
        url = spot.image.file.url
    return {"kind": spot.kind, "url": url, "poster": poster}


# --- What broadcasting needs to place a campaign ------------------------------------


@dataclass(frozen=True)
class PlacementBand:
    """One time band of a campaign: the airings asked for and the unit price excl.
    VAT of one airing there, as frozen in the quote (0 when the quote has none)."""

    code: str
    airings: int
    unit_price: int


@dataclass(frozen=True)
class PlacementRequest:
    """What the scheduler needs of a campaign, as plain data."""

    campaign_id: int
    advertiser_id: int
    sector_id: int | None
    spot_length: int
    start: date
    end: date
    priority: int
    approved_at: datetime | None
    bands: tuple[PlacementBand, ...]

    @property
    def band_codes(self) -> frozenset[str]:
        return frozenset(band.code for band in self.bands)

    def unit_price(self, band_code: str) -> int:
        return next((band.unit_price for band in self.bands if band.code == band_code), 0)


def placement_request(campaign: Campaign) -> PlacementRequest:
    """The campaign's bands (its lines, with the unit prices of the frozen quote),
    dates, spot length, sector and priority. One query (its lines), none when
    they were prefetched."""
    prices = {
        line["band"]: int(line.get("unit_price") or 0)
        for line in (campaign.quote or {}).get("lines", [])
    }
    return PlacementRequest(
        campaign_id=campaign.pk,
        advertiser_id=campaign.advertiser_id,
        sector_id=campaign.sector_id,
        spot_length=campaign.spot_length,
        start=campaign.start_date,
        end=campaign.end_date,
        priority=campaign.priority,
        approved_at=campaign.approved_at,
        bands=tuple(
            PlacementBand(
                code=line.band_code, airings=line.airings, unit_price=prices.get(line.band_code, 0)
            )
            for line in campaign.lines.all()
        ),
    )
