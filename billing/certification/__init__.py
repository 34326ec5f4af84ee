"""Certification of invoices and credit notes as Burkina's certified electronic
invoice (FEC). One interface, `Certifier`; the station chooses its mode in the
billing settings (docs/decisions/0013-billing.md):

- `manual` (default): the accountant enters the code, time and QR content that the
  station's certified system gave, or uploads the certified PDF;
- `fake` (development and tests): certifies at once with a recognisable test code;
- `secef`: the place of the connector to the tax office's SECeF system, which has
  no public interface yet: choosing it leaves documents awaiting certification."""

from .base import CertificationResult, Certifier, get_certifier

__all__ = ["CertificationResult", "Certifier", "get_certifier"]
