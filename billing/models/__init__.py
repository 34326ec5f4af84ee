from .common import (
    BILLING_FILE_PREFIX,
    SERIES_PREFIX,
    CertificationState,
    DocumentSeries,
    SeriesKind,
)
from .credit_note import CreditedAiring, CreditNote, CreditNoteLine, CreditReason, CreditStatus
from .invoice import (
    OPEN_STATUSES,
    BilledAiring,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
)
from .payment import BillingEvent, Payment, PaymentAllocation, PaymentMethod
from .settings import BillingSettings, CertificationMode

__all__ = [
    "BILLING_FILE_PREFIX",
    "OPEN_STATUSES",
    "SERIES_PREFIX",
    "BilledAiring",
    "BillingEvent",
    "BillingSettings",
    "CertificationMode",
    "CertificationState",
    "CreditNote",
    "CreditNoteLine",
    "CreditReason",
    "CreditStatus",
    "CreditedAiring",
    "DocumentSeries",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceStatus",
    "LineKind",
    "Payment",
    "PaymentAllocation",
    "PaymentMethod",
    "SeriesKind",
]
