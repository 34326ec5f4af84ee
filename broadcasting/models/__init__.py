from .airing import Airing, AiringEvent, AiringStatus, UnplacedItem, UnplacedReason
from .airing_day import AiringBandDay, AiringDay
from .certificate import BroadcastCertificate
from .grid import Break, BreakGridSlot, BreakStatus, BroadcastSettings, Weekday

__all__ = [
    "Airing",
    "AiringBandDay",
    "AiringDay",
    "AiringEvent",
    "AiringStatus",
    "Break",
    "BreakGridSlot",
    "BreakStatus",
    "BroadcastCertificate",
    "BroadcastSettings",
    "UnplacedItem",
    "UnplacedReason",
    "Weekday",
]
