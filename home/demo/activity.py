"""The demo site's activity, so that every persona meets a living screen on the
first `make run`: a few advertisers, campaigns in every status with their frozen
quotes and spots, airings in this week's breaks (aired, planned, one missed with
its make-good), notifications and a broadcast certificate. The newsroom's part
(crew, vehicle, coverage requests) is in `newsroom.py`.

Idempotent: an advertiser is found by its name and a campaign by its title; what
exists is left as it is, so running seed_demo again changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from datetime import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import Advertiser, BusinessSector, User
from broadcasting.demo import book_demo_airings, ensure_past_breaks
from broadcasting.services.certificates import issue_certificate
from campaigns.house_codes import assign_house_code
from campaigns.models import (
    Campaign,
    CampaignEvent,
    CampaignLine,
    CreativeMode,
    Language,
    Objective,
    ReviewState,
    Spot,
    SpotKind,
    Status,
)
from campaigns.services.base import Errors
from campaigns.services.drafts import freeze_quote
from campaigns.services.validation import price_lines
from campaigns.spot_files import library_title
from campaigns.spot_storage import new_spot_image
from core import clock as broadcast_day

from .notices import tell_client

S = Status

# The moves each status went through (actor: "client", "admin" or None = the system).
PATHS: dict[str, list[tuple[str, str | None]]] = {
    S.DRAFT: [],
    S.SUBMITTED: [(S.SUBMITTED, "client")],
    S.CHANGES_REQUESTED: [(S.SUBMITTED, "client"), (S.CHANGES_REQUESTED, "admin")],
    S.IN_PRODUCTION: [(S.SUBMITTED, "client"), (S.IN_PRODUCTION, "admin")],
    S.APPROVED: [(S.SUBMITTED, "client"), (S.APPROVED, "admin")],
    S.SCHEDULED: [(S.SUBMITTED, "client"), (S.APPROVED, "admin"), (S.SCHEDULED, None)],
    S.AIRING: [
        (S.SUBMITTED, "client"),
        (S.APPROVED, "admin"),
        (S.SCHEDULED, None),
        (S.AIRING, None),
    ],
    S.FINISHED: [
        (S.SUBMITTED, "client"),
        (S.APPROVED, "admin"),
        (S.SCHEDULED, None),
        (S.AIRING, None),
        (S.FINISHED, None),
    ],
    S.REFUSED: [(S.SUBMITTED, "client"), (S.REFUSED, "admin")],
    S.CANCELLED: [(S.SUBMITTED, "client"), (S.CANCELLED, "client")],
}

# Statuses whose spot is approved (and that may air).
ON_AIR = {S.APPROVED, S.SCHEDULED, S.AIRING, S.FINISHED}


@dataclass(frozen=True)
class DemoCampaign:
    title: str
    status: str
    lines: tuple[tuple[str, int], ...]
    start: int  # days from today's broadcast day
    days: int
    product: str = ""
    note: str = ""  # the admin's note (changes requested, refusal)
    times: tuple[time, ...] = ()  # breaks its airings go to, each day
    air_days: range = field(default_factory=lambda: range(0))
    missed_reason: str = ""
    certificate: bool = False
    spot_state: str = ""


@dataclass(frozen=True)
class DemoAdvertiser:
    name: str
    sector: str
    contact: tuple[str, str, str]  # e-mail, first name, last name
    campaigns: tuple[DemoCampaign, ...]


OWN = (  # the campaigns of the demo advertiser (annonceur@demo.bf1.bf)
    DemoCampaign(
        "Jus Sahel : la saison du bissap",
        S.AIRING,
        (("matinee", 6), ("prime-time", 6)),
        start=-3,
        days=10,
        product="Jus de bissap Sahel",
        times=(time(7, 0), time(19, 57)),
        air_days=range(-3, 4),
        missed_reason="Coupure de courant pendant l'écran : le spot n'est pas passé.",
    ),
    DemoCampaign(
        "Promo de fin d'année",
        S.SCHEDULED,
        (("avant-soiree", 4),),
        start=1,
        days=6,
        product="Boutique Sahel Ouaga 2000",
        times=(time(18, 25),),
        air_days=range(1, 5),
    ),
    DemoCampaign(
        "Rentrée des classes",
        S.FINISHED,
        (("mi-journee", 3),),
        start=-7,
        days=3,
        product="Fournitures Sahel",
        times=(time(12, 45),),
        air_days=range(-7, -4),
        certificate=True,
    ),
    DemoCampaign("Soldes de janvier", S.DRAFT, (("matinee", 5),), start=45, days=14),
    DemoCampaign("Nouvelle boutique à Bobo-Dioulasso", S.SUBMITTED, (("mi-journee", 8),), 10, 14),
    DemoCampaign(
        "Offre Tabaski",
        S.CHANGES_REQUESTED,
        (("prime-time", 4),),
        start=12,
        days=7,
        note="Merci de préciser les dates de l'offre dans le message clé.",
        spot_state=ReviewState.REFUSED,
    ),
    DemoCampaign("Carte fidélité Sahel", S.IN_PRODUCTION, (("apres-midi", 6),), 14, 14),
    DemoCampaign("Semaine du consommateur", S.APPROVED, (("fin-de-soiree", 5),), 20, 7),
    DemoCampaign(
        "Boisson énergisante Turbo",
        S.REFUSED,
        (("prime-time", 3),),
        start=9,
        days=5,
        note="Les allégations de santé du spot ne sont pas autorisées à l'antenne.",
    ),
    DemoCampaign("Salon de l'habitat", S.CANCELLED, (("matinee", 4),), 8, 4),
)

OTHERS = (
    DemoAdvertiser(
        "Brasserie du Faso",
        "alimentation",
        ("contact@brasserie-faso.demo.bf", "Salif", "Compaoré"),
        (
            DemoCampaign(
                "Faso Cola : l'été",
                S.AIRING,
                (("matinee", 6), ("mi-journee", 6), ("prime-time", 6)),
                start=-2,
                days=8,
                product="Faso Cola",
                times=(time(6, 0), time(9, 0), time(13, 30), time(20, 30)),
                air_days=range(-2, 4),
            ),
        ),
    ),
    DemoAdvertiser(
        "Faso Mobile",
        "telecoms",
        ("marketing@fasomobile.demo.bf", "Rasmané", "Zongo"),
        (
            DemoCampaign(
                "Forfaits internet Faso Mobile",
                S.SCHEDULED,
                (("mi-journee", 5), ("prime-time", 5)),
                start=0,
                days=7,
                product="Forfait Faso Net",
                times=(time(12, 25), time(20, 42)),
                air_days=range(0, 6),
            ),
            DemoCampaign("Faso Mobile Money", S.SUBMITTED, (("avant-soiree", 6),), 7, 10),
        ),
    ),
    DemoAdvertiser(
        "Laiterie Wend-Kuuni",
        "alimentation",
        ("info@wendkuuni.demo.bf", "Aïcha", "Sanou"),
        (DemoCampaign("Yaourt Wend-Kuuni", S.SUBMITTED, (("matinee", 10),), 6, 10),),
    ),
)


@dataclass
class Activity:
    campaigns: int = 0
    airings: int = 0
    breaks: int = 0
    certificates: int = 0


def _png(title: str) -> ContentFile:
    image = Image.new("RGB", (1920, 1080), (220, 38, 38))
    ImageDraw.Draw(image).text((80, 480), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="spot.png")


def _spot(campaign: Campaign, state: str, user: User | None, admin: User | None) -> Spot:
    image = new_spot_image(
        _png(campaign.title),
        extension="png",
        title=library_title(campaign.advertiser.name, campaign.title),
    )
    reviewed = state in (ReviewState.APPROVED, ReviewState.REFUSED)
    spot = Spot.objects.create(
        campaign=campaign,
        advertiser=campaign.advertiser,
        kind=SpotKind.IMAGE,
        image=image,
        declared_length=campaign.spot_length,
        technical_report={
            "kind": "image",
            "container": "png",
            "width": image.width,
            "height": image.height,
            "size_bytes": image.file_size or 0,
            "issues": [],
        },
        review_state=state,
        review_reason=campaign.events.last().note if state == ReviewState.REFUSED else "",
        reviewed_by=admin if reviewed else None,
        reviewed_at=timezone.now() if reviewed else None,
        uploaded_by=user,
    )
    if state == ReviewState.APPROVED:
        assign_house_code(spot)  # the clip id of the playout, printed on the running order
    return spot


def _campaign(advertiser, user, admin, demo: DemoCampaign) -> Campaign:
    today = broadcast_day.today()
    start = today + dt.timedelta(days=demo.start)
    campaign = Campaign.objects.create(
        advertiser=advertiser,
        created_by=user,
        title=demo.title,
        product=demo.product or demo.title,
        sector=advertiser.sector,
        objective=Objective.PROMOTION,
        languages=[Language.FRENCH.value, Language.MOORE.value],
        target_audience="Familles et jeunes actifs de Ouagadougou et Bobo-Dioulasso",
        key_message=f"{demo.product or demo.title} : le goût du Faso.",
        start_date=start,
        end_date=start + dt.timedelta(days=demo.days - 1),
        spot_length=30,
        creative_mode=CreativeMode.MAKE if demo.status == S.IN_PRODUCTION else CreativeMode.PROVIDE,
        brief_message="Un spot chaleureux, en famille." if demo.status == S.IN_PRODUCTION else "",
        wizard_step=4,
    )
    for code, airings in demo.lines:
        CampaignLine.objects.create(campaign=campaign, band_code=code, airings=airings)
    if demo.status == S.DRAFT:
        campaign.wizard_step = 2
        campaign.save(update_fields=["wizard_step"])
        return campaign
    # The quote as it was frozen on submission (priced with today's card).
    card, quote = price_lines(
        spot_length=30,
        start=today + dt.timedelta(days=1),
        end=today + dt.timedelta(days=demo.days),
        lines=demo.lines,
        options=[],
        errors=Errors(),
    )
    if quote is not None:
        freeze_quote(campaign, card, quote)
        names = {line.band: line.label for line in quote.lines}
        for line in campaign.lines.all():
            line.band_name = names.get(line.band_code, "")
            line.save(update_fields=["band_name"])
    previous = S.DRAFT
    actors = {"client": user, "admin": admin, None: None}
    for to_status, who in PATHS[demo.status]:
        note = demo.note if to_status in (S.CHANGES_REQUESTED, S.REFUSED) else ""
        CampaignEvent.objects.create(
            campaign=campaign,
            actor=actors[who],
            from_status=previous,
            to_status=to_status,
            note=note,
        )
        previous = to_status
    campaign.status = demo.status
    campaign.submitted_at = timezone.now()
    if demo.status in ON_AIR:
        campaign.approved_at = timezone.now()
    campaign.save()
    return campaign


def _prices(campaign: Campaign) -> dict[str, int]:
    return {
        line["band"]: int(line.get("unit_price") or 0)
        for line in (campaign.quote or {}).get("lines", [])
    }


def _contact(demo: DemoAdvertiser) -> tuple[Advertiser, User]:
    advertiser = Advertiser.objects.filter(name=demo.name).first()
    if advertiser is None:
        advertiser = Advertiser.objects.create(
            name=demo.name,
            address="Ouagadougou",
            phone="+22625000000",
            sector=BusinessSector.objects.filter(slug=demo.sector).first(),
        )
    email, first, last = demo.contact
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # No password: a demo contact never signs in.
        user = User.objects.create_user(
            email, None, first_name=first, last_name=last, advertiser=advertiser
        )
    return advertiser, user


@transaction.atomic
def ensure_demo_activity(*, client: User, admin: User, broadcaster: User) -> Activity:
    """Create what is missing of the demo activity (see the module's docstring)."""
    done = Activity()
    books = [(client.advertiser, client, OWN)]
    books += [(*_contact(demo), demo.campaigns) for demo in OTHERS]
    past_breaks_ready = False
    for advertiser, user, campaigns in books:
        for demo in campaigns:
            if Campaign.objects.filter(advertiser=advertiser, title=demo.title).exists():
                continue
            campaign = _campaign(advertiser, user, admin, demo)
            done.campaigns += 1
            spot = None
            if demo.status in ON_AIR:
                spot = _spot(campaign, ReviewState.APPROVED, user, admin)
            elif demo.status == S.SUBMITTED or demo.spot_state:
                spot = _spot(campaign, demo.spot_state or ReviewState.PENDING, user, admin)
            if demo.times and spot is not None:
                if not past_breaks_ready:
                    done.breaks = ensure_past_breaks(days=8)
                    past_breaks_ready = True
                airings = book_demo_airings(
                    campaign=campaign,
                    spot=spot,
                    times=list(demo.times),
                    days=demo.air_days,
                    broadcaster=broadcaster,
                    prices=_prices(campaign),
                    missed_reason=demo.missed_reason,
                )
                done.airings += len(airings)
            if demo.certificate:
                issue_certificate(advertiser=advertiser, issued_by=user, campaign=campaign)
                done.certificates += 1
            if user.advertiser_id == client.advertiser_id:
                tell_client(client, campaign, status=demo.status, note=demo.note)
    return done
