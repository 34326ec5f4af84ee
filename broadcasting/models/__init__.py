from .airing import Airing, AiringEvent, AiringStatus, UnplacedItem, UnplacedReason
from .grid import Break, BreakGridSlot, BreakStatus, BroadcastSettings, Weekday

__all__ = [
    "Airing",
    "AiringEvent",
    "AiringStatus",
    "Break",
    "BreakGridSlot",
    "BreakStatus",
    "BroadcastSettings",
    "UnplacedItem",
    "UnplacedReason",
    "Weekday",
]
