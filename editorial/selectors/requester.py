"""What a requester sees of their coverage requests, and the offer of the rate
card's catalogue that matches a request."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.roles import Role, has_role

from ..models import (
    CoverageAttachment,
    CoverageDelivery,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    EventType,
)

# Delivered content is shown to the requester once the request is covered.
DELIVERED_STATUSES = frozenset({CoverageStatus.COVERED, CoverageStatus.CLOSED})


def _owner_filter(user) -> Q | None:
    """The requests `user` may follow: those sent from their account and, for an
    advertiser's user, those of their company. None for nobody."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    who = Q(requester_id=user.pk)
    advertiser_id = getattr(user, "advertiser_id", None)
    if advertiser_id is not None and has_role(user, Role.ADVERTISER):
        who |= Q(advertiser_id=advertiser_id)
    return who


def requests_for_user(user, *, status: str | None = None, search: str = "") -> QuerySet:
    """The user's requests, the latest first, each with its number of
    attachments (`attachment_count`): one query whatever the number of rows."""
    who = _owner_filter(user)
    if who is None:
        return CoverageRequest.objects.none()
    requests = CoverageRequest.objects.filter(who)
    if status:
        requests = requests.filter(status=status)
    if search:
        requests = requests.filter(
            Q(reference__icontains=search)
            | Q(event_title__icontains=search)
            | Q(address__icontains=search)
        )
    return requests.annotate(attachment_count=Count("attachments")).order_by("-created_at", "-pk")


def request_for_user(user, uuid) -> CoverageRequest:
    """One of the user's requests with its history, attachments and delivered
    content; 404 when it is not theirs (the same answer as for no request)."""
    who = _owner_filter(user)
    if who is None:
        raise Http404
    coverage = (
        CoverageRequest.objects.filter(who, uuid=uuid)
        .prefetch_related(
            Prefetch("events", queryset=CoverageEvent.objects.order_by("created_at", "pk")),
            Prefetch("attachments", queryset=CoverageAttachment.objects.order_by("pk")),
            Prefetch("deliveries", queryset=CoverageDelivery.objects.order_by("created_at", "pk")),
        )
        .first()
    )
    if coverage is None:
        raise Http404
    return coverage


def may_follow(user, coverage: CoverageRequest) -> bool:
    """Whether `user` is the requester of `coverage` (their account or company)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if coverage.requester_id is not None and coverage.requester_id == user.pk:
        return True
    advertiser_id = getattr(user, "advertiser_id", None)
    return (
        advertiser_id is not None
        and coverage.advertiser_id == advertiser_id
        and has_role(user, Role.ADVERTISER)
    )


# --- The matching offer of the rate card -------------------------------------------
# Coverage that gives no television report has no offer of the "News coverage"
# catalogue (a photo report, a web article).
NO_TV_OFFER = frozenset({CoverageType.PHOTO_REPORT, CoverageType.WEB_ARTICLE})
SPORT_OFFER_CODES = ("couverture-sport", "couverture-jt13")
NEWS_OFFER_CODES = ("couverture-jt13", "couverture-jt1930")


def matching_offer(*, event_type: str, coverage_type: str, card=None):
    """The offer of the current rate card (category "coverage") that matches
    the request, or None: "Couverture Sport" for a cultural or sports event,
    "Couverture JT 13h" (then JT 19h30) for the others; a card whose codes
    differ is matched on the offers' names, the first offer of the catalogue
    otherwise. None when the coverage gives no TV report or the card has no
    coverage offer."""
    from simulator.models import Offer
    from simulator.selectors import current_rate_card

    if coverage_type in NO_TV_OFFER:
        return None
    card = card if card is not None else current_rate_card()
    if card is None:
        return None
    offers = list(
        Offer.objects.filter(rate_card=card, category=Offer.Category.COVERAGE).order_by(
            "sort_order", "pk"
        )
    )
    if not offers:
        return None
    sport = event_type == EventType.CULTURE_SPORT
    by_code = {offer.code: offer for offer in offers}
    for code in SPORT_OFFER_CODES if sport else NEWS_OFFER_CODES:
        if code in by_code:
            return by_code[code]
    named = [offer for offer in offers if ("sport" in offer.name.lower()) == sport]
    return named[0] if named else offers[0]
