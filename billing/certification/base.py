from __future__ import annotations

from typing import Protocol

from .result import CertificationResult


class Certifier(Protocol):
    """Certifies an issued document at once (returns the result) or leaves it
    awaiting certification (returns None) for a later `record` by a person."""

    mode: str

    def certify(self, document) -> CertificationResult | None: ...


def get_certifier(mode: str) -> Certifier:
    """The certifier of `mode`; the test certifier only where settings allow it
    (BILLING_ALLOW_FAKE_CERTIFIER, on in development and tests), else manual."""
    from django.conf import settings

    from .fake import FakeCertifier
    from .manual import ManualCertifier
    from .secef import SecefCertifier

    if mode == "fake" and not getattr(settings, "BILLING_ALLOW_FAKE_CERTIFIER", False):
        mode = "manual"
    return {
        "fake": FakeCertifier,
        "secef": SecefCertifier,
    }.get(mode, ManualCertifier)()
