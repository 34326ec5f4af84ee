"""Test certifier: never to be used in production (check --deploy warns)."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from .result import CertificationResult

TEST_PREFIX = "TEST-FEC-"


class FakeCertifier:
    mode = "fake"

    def certify(self, document):
        digest = hashlib.sha256(f"{document.number}:{document.uuid}".encode()).hexdigest()
        code = f"{TEST_PREFIX}{digest[:16].upper()}"
        now = timezone.now()
        qr = f"FEC-TEST|{document.number}|{code}|{now:%Y%m%d%H%M%S}"
        return CertificationResult(code=code, certified_at=now, qr=qr)
