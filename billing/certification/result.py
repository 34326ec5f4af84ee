from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CertificationResult:
    code: str
    certified_at: dt.datetime
    qr: str
