"""Reads of the advertiser stories (home.models.case_studies): the filtered,
paginated listing, a story's campaign figures (from its linked campaign or as
entered by hand) and the “A campaign like this one” links to the advisor and the
simulator. This module does not import home.models (the pages call it)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

from accounts.models import BusinessSector
from simulator.advisor.choices import OBJECTIVE_CHOICES
from simulator.advisor.steps import next_monday

STORIES_PER_PAGE = 9
SECTOR_PARAM = "secteur"
OBJECTIVE_PARAM = "objectif"
# The length of the suggested campaign when the story's period is unknown.
DEFAULT_DAYS = 14


def _single(params, name: str) -> str:
    value = params.get(name, "")
    return value.strip()[:100] if isinstance(value, str) else ""


def _sort_key(sector) -> str:
    """Alphabetical order as French readers expect it (É with E)."""
    return unicodedata.normalize("NFKD", sector.name).encode("ascii", "ignore").decode().casefold()


def _chosen_sector(sectors: list, raw: str):
    """The sector asked for, by primary key or slug, among those offered; None
    for an empty or unknown value (the filter is then ignored)."""
    if not raw:
        return None
    for sector in sectors:
        if raw == sector.slug or (raw.isdigit() and int(raw) == sector.pk):
            return sector
    return None


def story_listing(*, index, model, params) -> dict:
    """The context of the stories' index: the live public stories under `index`
    (newest first), filtered by the GET `params` `secteur` (a sector's pk or slug)
    and `objectif` (an objective code), 9 a page. Unknown values are ignored.
    The filters offer only the sectors and objectives of live stories."""
    live = model.objects.live().public().child_of(index)
    sectors = sorted(
        BusinessSector.objects.filter(pk__in=live.filter(sector__isnull=False).values("sector")),
        key=_sort_key,
    )
    used_objectives = set(live.values_list("objective", flat=True).distinct())
    objectives = [(code, label) for code, label in OBJECTIVE_CHOICES if code in used_objectives]

    sector = _chosen_sector(sectors, _single(params, SECTOR_PARAM))
    objective = _single(params, OBJECTIVE_PARAM)
    if objective not in dict(objectives):
        objective = ""

    stories = live.select_related("sector", "logo", "poster").prefetch_related(
        "logo__renditions", "poster__renditions"
    )
    if sector is not None:
        stories = stories.filter(sector=sector)
    if objective:
        stories = stories.filter(objective=objective)
    stories = stories.order_by("-first_published_at", "-pk")
    page = Paginator(stories, STORIES_PER_PAGE).get_page(_single(params, "page") or None)
    return {
        "stories": page,
        "sectors": sectors,
        "objectives": objectives,
        "selected_sector": sector,
        "selected_objective": objective,
        "filtered": sector is not None or bool(objective),
    }


def _band_names(codes: list[str]) -> dict[str, str]:
    """The rate card's name of each band code (the newest card's when they differ)."""
    if not codes:
        return {}
    from simulator.models import TimeBand

    return dict(
        TimeBand.objects.filter(code__in=codes).order_by("rate_card_id").values_list("code", "name")
    )


def _aired_by_band(campaign) -> dict[str, int]:
    from broadcasting.models import Airing, AiringStatus

    return dict(
        Airing.objects.filter(campaign=campaign, status=AiringStatus.AIRED)
        .values("band_code")
        .annotate(count=Count("pk"))
        .values_list("band_code", "count")
    )


def campaign_figures(page) -> dict:
    """{spot_length, start_date, end_date, days, lines: [{band_code, label,
    airings, aired}], total_airings, total_aired, from_campaign}: from the story's
    linked campaign (with the airings already aired, `aired`), else as entered on
    the story (`aired` None)."""
    campaign = page.campaign if page.campaign_id else None
    if campaign is not None:
        source_lines = [(li.band_code, li.band_name, li.airings) for li in campaign.lines.all()]
        aired = _aired_by_band(campaign)
        spot_length, start, end = campaign.spot_length, campaign.start_date, campaign.end_date
    else:
        source_lines = [(b.band_code, b.band_label, b.airings) for b in page.bands.all()]
        aired = None
        spot_length, start, end = page.spot_length, page.start_date, page.end_date
    names = _band_names([code for code, label, _ in source_lines if not label])
    lines = [
        {
            "band_code": code,
            "label": label or names.get(code, code),
            "airings": airings,
            "aired": aired.get(code, 0) if aired is not None else None,
        }
        for code, label, airings in source_lines
    ]
    days = (end - start).days + 1 if start and end and end >= start else None
    return {
        "spot_length": spot_length,
        "start_date": start,
        "end_date": end,
        "days": days,
        "lines": lines,
        "total_airings": sum(line["airings"] for line in lines),
        "total_aired": sum(aired.values()) if aired is not None else None,
        "from_campaign": campaign is not None,
    }


def similar_period(figures: dict, today: dt.date) -> tuple[dt.date, dt.date]:
    """The story's period moved to the future: from the next Monday, as many days
    as the original campaign (14 when unknown)."""
    start = next_monday(today)
    return start, start + dt.timedelta(days=(figures.get("days") or DEFAULT_DAYS) - 1)


def _live_page_url(model, request) -> str | None:
    page = model.objects.live().public().first()
    return page.get_url(request) if page is not None else None


def similar_campaign_links(page, figures: dict, *, request=None, today=None) -> dict:
    """{"advisor": url or None, "simulator": url or None}: the advisor with the
    story's objective and audience, the simulator with its figures from the next
    Monday. A link is None when its page is not live or figures are missing."""
    from simulator.models import AdvisorPage, SimulatorPage
    from simulator.query import share_query

    today = today or timezone.localdate()
    links = {"advisor": None, "simulator": None}
    advisor_url = _live_page_url(AdvisorPage, request) if page.objective else None
    if advisor_url:
        query = {"objective": page.objective}
        if page.audience:
            query["audience"] = page.audience
        links["advisor"] = f"{advisor_url}?{urlencode(query)}"
    if figures.get("spot_length") and figures.get("lines"):
        simulator_url = _live_page_url(SimulatorPage, request)
        if simulator_url:
            start, end = similar_period(figures, today)
            query = share_query(
                spot_length=figures["spot_length"],
                start_date=start.isoformat(),
                end_date=end.isoformat(),
                lines=[
                    {"band": line["band_code"], "airings": line["airings"]}
                    for line in figures["lines"]
                ],
                options=[],
            )
            links["simulator"] = f"{simulator_url}?{query}"
    return links
