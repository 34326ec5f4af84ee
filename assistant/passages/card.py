"""The live rate card as passages: every band with its hours and prices, the
options, the volume discounts and VAT, and the other offers by category. Written
in French, as the card is published (the index is French)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from core.money import fcfa, percent_text
from simulator.models import Offer, RateCardPage
from simulator.pricing import WEEKDAY_NAMES, Band, RateCardData
from simulator.selectors import current_pricing_data

from ..models import PassageSource
from .base import PassageData

RATE_PATH = "/tarifs/"


def rate_page_url() -> str:
    page = RateCardPage.objects.live().public().first()
    return (page.get_url() if page is not None else None) or RATE_PATH


def _days(band: Band) -> str:
    if len(band.weekdays) == 7:
        return "tous les jours"
    return ", ".join(str(WEEKDAY_NAMES[day]).lower() for day in sorted(band.weekdays))


def band_text(card: RateCardData, band: Band) -> str:
    hours = f"de {band.start:%H:%M} à {band.end:%H:%M}"
    lines = [
        f"Tranche horaire {band.name} ({band.code}), {hours}, {_days(band)}"
        + (", heure de grande écoute (prime time)." if band.prime else "."),
        f"Prix d'un passage TTC : {fcfa(band.price_up_to_30)} pour un spot jusqu'à 30 secondes, "
        f"{fcfa(band.price_31_to_60)} de 31 à 60 secondes, "
        f"{fcfa(band.price_per_extra_second)} par seconde au-delà de 60 secondes.",
        f"Hors taxes : {fcfa(card.excl_vat(band.price_up_to_30))} jusqu'à 30 secondes, "
        f"{fcfa(card.excl_vat(band.price_31_to_60))} de 31 à 60 secondes.",
    ]
    if band.teaching_text:
        lines.append(band.teaching_text)
    return "\n".join(lines)


def card_passages() -> list[PassageData]:
    card = current_pricing_data()
    if card is None:
        return []
    url = rate_page_url()
    with translation.override(settings.LANGUAGE_CODE):
        return _passages(card, url)


def _passage(key: str, heading: str, text: str, url: str, position: int) -> PassageData:
    return PassageData(
        source=PassageSource.CARD,
        source_key=f"card:{key}",
        title="Grille tarifaire",
        heading=heading,
        text=text,
        url=url,
        position=position,
    )


def _passages(card: RateCardData, url: str) -> list[PassageData]:
    bands = [band for band in card.bands if band.active]
    found = [
        _passage(
            "bands",
            "Grille tarifaire : les tranches horaires et le prix d'un spot",
            "Prix d'un passage TTC, tels que publiés (TVA "
            f"{percent_text(card.vat_rate)} comprise), selon la tranche horaire et la durée "
            "du spot :\n"
            + "\n".join(
                f"- tranche {band.name} ({band.start:%H:%M}–{band.end:%H:%M}) : "
                f"{fcfa(band.price_up_to_30)} jusqu'à 30 s, {fcfa(band.price_31_to_60)} "
                f"de 31 à 60 s, {fcfa(band.price_per_extra_second)} la seconde au-delà"
                for band in bands
            )
            + "\nLe simulateur calcule le prix exact d'une campagne.",
            url,
            0,
        )
    ]
    for band in bands:
        found.append(_passage(f"band:{band.code}", band.name, band_text(card, band), url, 0))
    if card.adjustments:
        lines = []
        for adjustment in card.adjustments:
            if adjustment.fixed_unit_price is not None:
                effect = f"prix fixe de {fcfa(adjustment.fixed_unit_price)} TTC par passage"
            else:
                effect = f"{'+' if adjustment.percent > 0 else '−'} " + percent_text(
                    abs(adjustment.percent)
                )
            lines.append(f"- {adjustment.name} : {effect}. {adjustment.explanation}".strip())
        found.append(
            _passage("options", "Options et tarifs particuliers", "\n".join(lines), url, 0)
        )
    tiers = "\n".join(
        f"- à partir de {tier.min_airings} passages : remise de {percent_text(tier.percent)}"
        for tier in sorted(card.volume_tiers, key=lambda tier: tier.min_airings)
    )
    found.append(
        _passage(
            "discounts",
            "Remises sur le volume et TVA",
            "La remise dépend du nombre total de passages de la campagne, toutes tranches "
            f"confondues :\n{tiers or '- aucune remise de volume'}\n"
            f"La TVA de {percent_text(card.vat_rate)} est comprise dans les prix publiés ; "
            "le devis donne aussi les montants hors taxes.",
            url,
            0,
        )
    )
    offers: dict[str, list[Offer]] = {}
    for offer in Offer.objects.filter(rate_card_id=card.id).order_by("sort_order", "pk"):
        offers.setdefault(offer.category, []).append(offer)
    labels = dict(Offer.Category.choices)
    for category, items in offers.items():
        lines = []
        for offer in items:
            price = f"{fcfa(offer.price)} TTC" if offer.price is not None else "sur devis"
            details = ", ".join(part for part in (offer.unit, offer.quantity) if part)
            lines.append(f"- {offer.name}" + (f" ({details})" if details else "") + f" : {price}")
            if offer.description:
                lines.append(f"  {offer.description}")
        found.append(
            _passage(
                f"offers:{category}", str(labels.get(category, category)), "\n".join(lines), url, 0
            )
        )
    return [
        PassageData(**{**passage.__dict__, "position": position})
        for position, passage in enumerate(found)
    ]
