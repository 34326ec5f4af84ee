"""factory-boy factories for the simulator: the versioned rate card and its rows
(time bands, adjustments, volume tiers, offers) and the quote requests visitors
send about an offer.

Amounts are whole francs VAT included, as the card stores them (as published,
decision 0012); the band traits carry the prices of BF1's 2025 sheet
(`simulator.demo`), so that a quote priced from a factory card reads like a
real one. Adjustments are published (confirmed by the commercial team) unless
`published=False`. A card made with
`complete=True` holds three bands (matinée, prime time, fin de soirée), the
fixed-position surcharge, the cultural rate and three volume discount tiers:
enough for `simulator.selectors.pricing_data` and `simulator.pricing.price`."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from simulator.models import Adjustment, Offer, QuoteRequest, RateCard, TimeBand, VolumeTier
from simulator.models.rate_card import ALL_WEEKDAYS


def first_of_year() -> date:
    return timezone.localdate().replace(month=1, day=1)


class RateCardFactory(DjangoModelFactory):
    """A card for this calendar year, unpublished (pass `published=True` to let
    it price quotes; two published cards may not overlap)."""

    class Meta:
        model = RateCard
        skip_postgeneration_save = True

    class Params:
        # Open-ended, as the station's current card usually is.
        open_ended = factory.Trait(valid_until=None)
        # Three bands, two adjustments and three tiers (see the module docstring).
        complete = factory.Trait(
            matinee=factory.RelatedFactory(
                "simulator.tests.factories.TimeBandFactory", "rate_card", morning=True
            ),
            prime_time=factory.RelatedFactory(
                "simulator.tests.factories.TimeBandFactory", "rate_card", prime=True
            ),
            fin_de_soiree=factory.RelatedFactory(
                "simulator.tests.factories.TimeBandFactory", "rate_card", late=True
            ),
            fixed_position=factory.RelatedFactory(
                "simulator.tests.factories.AdjustmentFactory", "rate_card"
            ),
            cultural_rate=factory.RelatedFactory(
                "simulator.tests.factories.AdjustmentFactory",
                "rate_card",
                cultural=True,
                # Granted in the matinée only, as on the 2025 sheet.
                band_codes=["matinee"],
            ),
            tier_10=factory.RelatedFactory(
                "simulator.tests.factories.VolumeTierFactory",
                "rate_card",
                min_airings=10,
                percent=Decimal("5"),
            ),
            tier_30=factory.RelatedFactory(
                "simulator.tests.factories.VolumeTierFactory",
                "rate_card",
                min_airings=30,
                percent=Decimal("10"),
            ),
            tier_60=factory.RelatedFactory(
                "simulator.tests.factories.VolumeTierFactory",
                "rate_card",
                min_airings=60,
                percent=Decimal("15"),
            ),
        )

    name = factory.Sequence(lambda n: f"Grille tarifaire BF1 — version {n + 1}")
    valid_from = factory.LazyFunction(first_of_year)
    valid_until = factory.LazyAttribute(lambda o: o.valid_from.replace(month=12, day=31))
    vat_rate = Decimal("18.00")
    published = False
    notes = "Prix HT en francs CFA, TVA 18 % en sus."


class TimeBandFactory(DjangoModelFactory):
    """An evening band of the card, every day of the week. The traits `morning`,
    `prime` and `late` are the matinée, prime-time and fin-de-soirée bands of
    the 2025 sheet (codes, hours and prices incl. VAT); `weekend` keeps the band
    to Saturdays and Sundays; `withdrawn` makes it no longer offered."""

    class Meta:
        model = TimeBand

    class Params:
        morning = factory.Trait(
            code="matinee",
            name="Matinée",
            start_time=time(6, 0),
            end_time=time(11, 0),
            is_prime=False,
            price_up_to_30=44_870,
            price_31_to_60=49_855,
            price_per_extra_second=997,
            teaching_text="Le matin, une audience large mais distraite : le prix le plus bas.",
        )
        prime = factory.Trait(
            code="prime-time",
            name="Prime time (JT 19h30)",
            start_time=time(19, 25),
            end_time=time(20, 55),
            is_prime=True,
            price_up_to_30=103_545,
            price_31_to_60=115_050,
            price_per_extra_second=2_301,
            teaching_text="Le journal de 19 h 30 réunit la plus forte audience de la journée.",
        )
        late = factory.Trait(
            code="fin-de-soiree",
            name="Fin de soirée",
            start_time=time(21, 55),
            end_time=time(0, 30),  # crosses midnight
            is_prime=False,
            price_up_to_30=69_030,
            price_31_to_60=76_700,
            price_per_extra_second=1_534,
            teaching_text="Jusqu'à minuit et demi, un public d'adultes à un prix intermédiaire.",
        )
        weekend = factory.Trait(weekdays="56")
        withdrawn = factory.Trait(is_active=False)

    rate_card = factory.SubFactory(RateCardFactory)
    code = factory.Sequence(lambda n: f"tranche-{n + 1}")
    name = factory.Sequence(lambda n: f"Tranche du soir {n + 1}")
    start_time = time(17, 55)
    end_time = time(19, 0)
    weekdays = ALL_WEEKDAYS
    is_prime = False
    is_active = True
    teaching_text = "En fin de journée, les foyers se rassemblent devant la télévision."
    price_up_to_30 = 69_030
    price_31_to_60 = 76_700
    price_per_extra_second = 1_534
    sort_order = factory.Sequence(lambda n: n)


class AdjustmentFactory(DjangoModelFactory):
    """The fixed-position surcharge (+20 % on request, every band). `cultural`:
    the cultural rate, a fixed price per airing for a category of advertiser;
    `reduction`: a percentage off. `bands=[...]` (or `band_codes=[...]`, codes of
    its card's bands) limits it to those bands; none: every band."""

    class Meta:
        model = Adjustment
        skip_postgeneration_save = True

    class Params:
        cultural = factory.Trait(
            code="tarif-culturel",
            name="Tarif culturel",
            applies=Adjustment.Applies.CATEGORY,
            percent=Decimal("0"),
            fixed_unit_price=35_400,
            explanation="Les événements culturels bénéficient d'un prix fixe par passage.",
        )
        reduction = factory.Trait(
            code="remise-ong",
            name="Remise associations et ONG",
            applies=Adjustment.Applies.CATEGORY,
            percent=Decimal("-15"),
            explanation="Les associations reconnues d'utilité publique paient 15 % de moins.",
        )

    rate_card = factory.SubFactory(RateCardFactory)
    code = "position-fixe"
    name = "Position fixe (premier ou dernier de l'écran)"
    applies = Adjustment.Applies.ON_REQUEST
    percent = Decimal("20")
    fixed_unit_price = None
    explanation = "Votre spot passe en premier ou en dernier dans l'écran : majoration de 20 %."
    published = True
    sort_order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def bands(self, create, extracted, **kwargs):
        # A ClusterableModel: the bands are written when the adjustment is saved.
        if create and extracted:
            self.bands.set(extracted)
            self.save()

    @factory.post_generation
    def band_codes(self, create, extracted, **kwargs):
        """`band_codes=["matinee"]`: the bands of its card with these codes."""
        if create and extracted:
            self.bands.set(TimeBand.objects.filter(rate_card=self.rate_card, code__in=extracted))
            self.save()


class VolumeTierFactory(DjangoModelFactory):
    class Meta:
        model = VolumeTier

    rate_card = factory.SubFactory(RateCardFactory)
    min_airings = factory.Sequence(lambda n: 10 * (n + 1))
    percent = Decimal("5")


class OfferFactory(DjangoModelFactory):
    """A sponsored report with its price; `on_quote`: a coverage offer priced on
    request (no price)."""

    class Meta:
        model = Offer

    class Params:
        on_quote = factory.Trait(
            category=Offer.Category.COVERAGE,
            name="Couverture JT 19h30",
            unit="par reportage",
            price=None,
        )

    rate_card = factory.SubFactory(RateCardFactory)
    code = factory.Sequence(lambda n: f"offre-{n + 1}")
    category = Offer.Category.SPONSORED
    name = "Publireportage JT 13h"
    unit = "par diffusion"
    quantity = ""
    price = 250_000  # VAT included, as published
    description = "Un reportage de trois minutes diffusé dans le journal de 13 h."
    sort_order = factory.Sequence(lambda n: n)


class QuoteRequestFactory(DjangoModelFactory):
    """A visitor's request about an offer, not handled yet. `handled`: a
    commercial administrator dealt with it; `from_client`: sent by a signed-in
    advertiser (name, company and e-mail of their account)."""

    class Meta:
        model = QuoteRequest

    class Params:
        handled = factory.Trait(
            status=QuoteRequest.Status.HANDLED,
            handled_at=factory.LazyFunction(timezone.now),
            handled_by=factory.SubFactory(UserFactory, roles=[Role.ADMINISTRATOR]),
        )
        from_client = factory.Trait(
            user=factory.SubFactory(AdvertiserUserFactory),
            name=factory.LazyAttribute(lambda o: o.user.get_full_name()),
            company=factory.SelfAttribute("user.advertiser.name"),
            email=factory.SelfAttribute("user.email"),
        )

    offer = factory.SubFactory(OfferFactory)
    offer_name = factory.LazyAttribute(lambda o: o.offer.name if o.offer else "")
    name = factory.Faker("name", locale="fr_FR")
    company = "Association des Jeunes Entrepreneurs du Kadiogo"
    email = factory.Sequence(lambda n: f"demandeur{n}@exemple.bf")
    phone = "+22676543210"
    message = "Bonjour, nous souhaitons un publireportage pour le lancement de notre produit."
    status = QuoteRequest.Status.NEW
    user = None
