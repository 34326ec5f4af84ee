from .airing import Airing, AiringEvent, AiringStatus, UnplacedItem, UnplacedReason
from .airing_day import AiringBandDay, AiringDay
from .asrun import (
    AsRunDiscrepancy,
    AsRunFormat,
    AsRunImport,
    AsRunSource,
    DiscrepancyKind,
    Resolution,
)
from .certificate import BroadcastCertificate
from .grid import Break, BreakGridSlot, BreakStatus, BroadcastSettings, Weekday

__all__ = [
    "Airing",
    "AiringBandDay",
    "AiringDay",
    "AiringEvent",
    "AiringStatus",
    "AsRunDiscrepancy",
    "AsRunFormat",
    "AsRunImport",
    "AsRunSource",
    "Break",
    "BreakGridSlot",
    "BreakStatus",
    "BroadcastCertificate",
    "BroadcastSettings",
    "DiscrepancyKind",
    "Resolution",
    "UnplacedItem",
    "UnplacedReason",
    "Weekday",
]
