"""Demo billing (development only): the station's billing identity, and for the
demo client's finished campaign an issued invoice awaiting certification, so that
the accountant and the advertiser see a living screen on the first `make run`."""

from __future__ import annotations

from dataclasses import dataclass

from billing.models import BillingSettings, Invoice
from billing.selectors.billable import campaigns_to_bill
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice

SETTINGS = {
    "legal_name": "BF1 TV",
    "legal_form": "Société anonyme",
    "address": "Avenue Kwame Nkrumah, 01 BP 1234 Ouagadougou 01, Burkina Faso",
    "rccm": "BF-OUA-2008-B-1234",
    "ifu": "00012345A",
    "tax_regime": "Régime du réel normal d'imposition (RNI)",
    "tax_office": "Direction des grandes entreprises (DGE)",
    "footer_text": (
        "Paiement par virement, chèque à l'ordre de BF1 TV, ou mobile money. "
        "Tout retard de paiement suspend les nouvelles réservations."
    ),
}
BANK = {
    "bank": "Coris Bank International",
    "holder": "BF1 TV SA",
    "number": "BF042 01001 012345678901 23",
    "swift": "CORIBFBF",
}


@dataclass
class DemoBilling:
    invoices: int = 0


def ensure_demo_billing(*, site, client, admin) -> DemoBilling:
    done = DemoBilling()
    conf = BillingSettings.for_site(site)
    if not conf.ifu:
        for field, value in SETTINGS.items():
            setattr(conf, field, value)
        conf.bank_accounts = [("account", BANK)]
        conf.save()
    company = client.advertiser
    if company is None or Invoice.objects.filter(advertiser=company).exists():
        return done
    for campaign in campaigns_to_bill(advertiser=company).filter(status="finished"):
        issue_invoice(invoice=create_draft(campaign=campaign, actor=admin), actor=admin)
        done.invoices += 1
    return done
