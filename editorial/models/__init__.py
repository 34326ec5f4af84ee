from .crew import CrewMember, CrewRole, CrewStatus, Vehicle
from .missions import Assignment, Mission, MissionStatus
from .requests import (
    CoverageAttachment,
    CoverageDelivery,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    CoverageType,
    EventType,
    Urgency,
)
from .sms import SmsMessage, SmsStatus

__all__ = [
    "Assignment",
    "CoverageAttachment",
    "CoverageDelivery",
    "CoverageEvent",
    "CoverageRequest",
    "CoverageStatus",
    "CoverageType",
    "CrewMember",
    "CrewRole",
    "CrewStatus",
    "EventType",
    "Mission",
    "MissionStatus",
    "SmsMessage",
    "SmsStatus",
    "Urgency",
    "Vehicle",
]
