from .airing import Airing, AiringEvent, AiringStatus, UnplacedItem, UnplacedReason
from .certificate import BroadcastCertificate
from .grid import Break, BreakGridSlot, BreakStatus, BroadcastSettings, Weekday

__all__ = [
    "Airing",
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
