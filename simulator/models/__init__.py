from .advisor import AdvisorPage, AdvisorRule, AdvisorRuleBand
from .offers import Offer, QuoteRequest
from .pages import RateCardPage, SimulatorPage
from .rate_card import Adjustment, RateCard, TimeBand, VolumeTier

__all__ = [
    "AdvisorPage",
    "AdvisorRule",
    "AdvisorRuleBand",
    "Adjustment",
    "Offer",
    "QuoteRequest",
    "RateCard",
    "RateCardPage",
    "SimulatorPage",
    "TimeBand",
    "VolumeTier",
]
