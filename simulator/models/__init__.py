from .offers import Offer, QuoteRequest
from .pages import RateCardPage, SimulatorPage
from .rate_card import Adjustment, RateCard, TimeBand, VolumeTier

__all__ = [
    "Adjustment",
    "Offer",
    "QuoteRequest",
    "RateCard",
    "RateCardPage",
    "SimulatorPage",
    "TimeBand",
    "VolumeTier",
]
