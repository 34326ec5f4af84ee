"""BF1's published 2025 rate sheet, as the default rate card of the demo.

The sheet gives prices VAT included (18 %) and the card stores them exactly so
(decision 0012): any length and any number of airings give back the published
price × airings to the franc (checked by tests). The fixed-position surcharge is
an example, not on the sheet: it is created unpublished, for the commercial team
to confirm."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.db import transaction

from .models import Adjustment, Offer, RateCard, TimeBand, VolumeTier

CARD_NAME = "Grille tarifaire BF1 2025"

# code, name, start, end, prime, published prices VAT incl. (≤30 s, 31–60 s, per extra s),
# teaching text
BANDS = [
    (
        "matinee",
        "Matinée",
        time(6, 0),
        time(11, 0),
        False,
        (44_870, 49_855, 997),
        "Le matin, les familles se préparent et écoutent la télévision en fond : "
        "l'audience est large mais moins attentive, d'où le prix le plus bas de la grille.",
    ),
    (
        "mi-journee",
        "Mi-journée (JT 13h)",
        time(11, 25),
        time(14, 25),
        True,
        (103_545, 115_050, 2_301),
        "Autour du journal de 13 h, beaucoup de téléspectateurs regardent pendant la pause "
        "de midi : c'est l'une des deux tranches les plus chères.",
    ),
    (
        "apres-midi",
        "Après-midi",
        time(14, 30),
        time(16, 55),
        False,
        (51_773, 57_525, 1_150),
        "L'après-midi, l'audience baisse pendant les heures de travail : "
        "un bon choix pour répéter un message à petit prix.",
    ),
    (
        "avant-soiree",
        "Avant-soirée",
        time(17, 55),
        time(19, 0),
        False,
        (69_030, 76_700, 1_534),
        "En fin de journée, les foyers se rassemblent devant la télévision avant le journal "
        "du soir : l'audience monte, le prix aussi.",
    ),
    (
        "prime-time",
        "Prime time (JT 19h30)",
        time(19, 25),
        time(20, 55),
        True,
        (103_545, 115_050, 2_301),
        "Le journal de 19 h 30 et la soirée qui suit réunissent la plus forte audience de la "
        "journée : le passage y coûte le plus cher, mais touche le plus de monde.",
    ),
    (
        "fin-de-soiree",
        "Fin de soirée",
        time(21, 55),
        time(0, 30),
        False,
        (69_030, 76_700, 1_534),
        "Après les programmes de la soirée, jusqu'à minuit et demi : un public d'adultes "
        "encore nombreux, à un prix intermédiaire.",
    ),
]

# Offers: code, category, name, unit, included, published price VAT incl. (None: on quote)
OFFERS = [
    ("petite-annonce-jour", "classifieds", "Petite annonce", "par jour", "3 passages", 35_400),
    (
        "petite-annonce-semaine",
        "classifieds",
        "Petite annonce",
        "par semaine",
        "21 passages",
        200_000,
    ),
    ("petite-annonce-mois", "classifieds", "Petite annonce", "par mois", "84 passages", 600_000),
    ("message-defilant-jour", "classifieds", "Message défilant", "par jour", "", 35_400),
    (
        "message-defilant-semaine",
        "classifieds",
        "Message défilant",
        "par semaine",
        "21 passages",
        150_000,
    ),
    ("publireportage-jt13", "sponsored", "Publireportage JT 13h", "par diffusion", "", 250_000),
    ("publireportage-jt1930", "sponsored", "Publireportage JT 19h30", "par diffusion", "", 350_000),
    ("pad-13", "sponsored", "PAD (prêt-à-diffuser) jusqu'à 13 min", "par diffusion", "", 500_000),
    ("pad-26", "sponsored", "PAD (prêt-à-diffuser) jusqu'à 26 min", "par diffusion", "", 750_000),
    ("pad-52", "sponsored", "PAD (prêt-à-diffuser) jusqu'à 52 min", "par diffusion", "", 1_000_000),
    ("decrochage", "studio", "Décrochage d'antenne", "par heure", "", 1_590_000),
    ("emission-studio", "studio", "Émission spéciale en studio", "par heure", "", 1_130_000),
    (
        "enregistrement-ouaga",
        "studio",
        "Enregistrement hors studio à Ouagadougou",
        "par heure",
        "",
        1_500_000,
    ),
    ("direct-ouaga", "studio", "Direct hors studio à Ouagadougou", "forfait", "2 h", 1_100_000),
    ("direct-hors-ouaga", "studio", "Direct hors Ouagadougou", "forfait", "", None),
    ("clip-une", "music", "Clip à la Une", "par semaine", "21 passages", 100_000),
    (
        "clip-une-defilant",
        "music",
        "Clip à la Une avec message défilant",
        "par semaine",
        "21 passages",
        150_000,
    ),
    ("couverture-jt13", "coverage", "Couverture JT 13h", "par reportage", "", None),
    ("couverture-jt1930", "coverage", "Couverture JT 19h30", "par reportage", "", None),
    ("couverture-sport", "coverage", "Couverture Sport", "par reportage", "", None),
    (
        "rs-publireportage",
        "social",
        "Réseaux sociaux : publireportage",
        "par publication",
        "",
        150_000,
    ),
    ("rs-spot-video", "social", "Réseaux sociaux : spot vidéo", "par publication", "", 50_000),
    ("rs-visuel", "social", "Réseaux sociaux : visuel", "par publication", "", 35_400),
]

VOLUME_TIERS = [(10, Decimal("5")), (30, Decimal("10")), (60, Decimal("15"))]
VAT = Decimal("18")
CULTURAL_PRICE = 35_400  # VAT included, per airing in the Matinée band


@transaction.atomic
def ensure_demo_rate_card(*, valid_from: date | None = None) -> tuple[RateCard, bool]:
    """Create the 2025 card (published, open-ended) unless a card of that name
    exists. Returns (card, created)."""
    existing = RateCard.objects.filter(name=CARD_NAME).first()
    if existing is not None:
        return existing, False
    card = RateCard.objects.create(
        name=CARD_NAME,
        valid_from=valid_from or date(2025, 1, 1),
        valid_until=None,
        vat_rate=VAT,
        published=True,
        notes="Reprend la grille publiée par BF1 pour 2025 (prix TTC, tels que publiés).",
    )
    bands = {}
    for order, (code, name, start, end, prime, prices, teaching) in enumerate(BANDS):
        up_to_30, to_60, per_second = prices
        bands[code] = TimeBand.objects.create(
            rate_card=card,
            code=code,
            name=name,
            start_time=start,
            end_time=end,
            is_prime=prime,
            teaching_text=teaching,
            price_up_to_30=up_to_30,
            price_31_to_60=to_60,
            price_per_extra_second=per_second,
            sort_order=order,
        )
    fixed_position = Adjustment.objects.create(
        rate_card=card,
        code="position-fixe",
        name="Position fixe (premier ou dernier de l'écran)",
        applies=Adjustment.Applies.ON_REQUEST,
        percent=Decimal("20"),
        explanation=(
            "Votre spot passe en premier ou en dernier dans l'écran publicitaire, là où il est "
            "le mieux vu : majoration de 20 % (valeur d'exemple, à confirmer par la régie)."
        ),
        published=False,  # an example, not on the published sheet
        sort_order=0,
    )
    cultural = Adjustment.objects.create(
        rate_card=card,
        code="tarif-culturel",
        name="Tarif culturel",
        applies=Adjustment.Applies.CATEGORY,
        percent=Decimal("0"),
        fixed_unit_price=CULTURAL_PRICE,
        explanation=(
            "Les événements culturels bénéficient d'un prix fixe de 35 400 FCFA TTC par passage "
            "en Matinée."
        ),
        published=True,
        sort_order=1,
    )
    cultural.bands.set([bands["matinee"]])
    fixed_position.save()
    cultural.save()
    for min_airings, percent in VOLUME_TIERS:
        VolumeTier.objects.create(rate_card=card, min_airings=min_airings, percent=percent)
    for order, (code, category, name, unit, quantity, price) in enumerate(OFFERS):
        Offer.objects.create(
            rate_card=card,
            code=code,
            category=category,
            name=name,
            unit=unit,
            quantity=quantity,
            price=price,
            sort_order=order,
        )
    return card, True
