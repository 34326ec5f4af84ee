"""What the billing services share: the audit trail, snapshots of the parties,
row locks and the recomputation of an invoice's balance and status."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.roles import Role, has_role

from ..exceptions import BillingError
from ..models import BillingEvent, Invoice


def check_billing_staff(user) -> None:
    """The commercial team and the accountants write billing documents."""
    if user is None or not has_role(user, Role.ADMINISTRATOR, Role.ACCOUNTANT):
        raise BillingError(_("Only the commercial team and the accountants can do this."))


def log(action: str, *, actor=None, invoice=None, credit_note=None, payment=None, detail=""):
    return BillingEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        invoice=invoice,
        credit_note=credit_note,
        payment=payment,
        detail=str(detail)[:500],
    )


def locked_invoice(invoice: Invoice | int) -> Invoice:
    pk = invoice.pk if isinstance(invoice, Invoice) else invoice
    locked = (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("advertiser", "billed_to", "campaign")
        .filter(pk=pk)
        .order_by("pk")
        .first()
    )
    if locked is None:
        raise BillingError(_("This invoice no longer exists."))
    return locked


def seller_snapshot(conf) -> dict:
    accounts = [
        {
            "bank": block.value.get("bank", ""),
            "holder": block.value.get("holder", ""),
            "number": block.value.get("number", ""),
            "swift": block.value.get("swift", ""),
        }
        for block in conf.bank_accounts
    ]
    return {
        "name": conf.legal_name,
        "legal_form": conf.legal_form,
        "address": conf.address,
        "rccm": conf.rccm,
        "ifu": conf.ifu,
        "tax_regime": conf.tax_regime,
        "tax_office": conf.tax_office,
        "bank_accounts": accounts,
        "footer": conf.footer_text,
    }


def client_snapshot(billed_to, advertiser) -> dict:
    data = {
        "name": billed_to.name,
        "address": billed_to.address,
        "ifu": billed_to.ifu,
        "rccm": billed_to.rccm,
        "tax_regime": billed_to.get_tax_regime_display() if billed_to.tax_regime else "",
        "withholds_vat": billed_to.withholds_vat,
    }
    if billed_to.pk != advertiser.pk:
        data["on_behalf_of"] = advertiser.name
    return data
