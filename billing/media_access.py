"""Who may read billing files under /media/ (plugged into accounts.media_access,
whose administrators read everything): the accountants, and the users of the
company an issued document belongs to (the advertiser or the agency billed)."""

from __future__ import annotations

from django.db.models import Q

from accounts.roles import Role, has_role

BILLING_FILE_PREFIX = "billing/"


def can_read(user, path: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if has_role(user, Role.ACCOUNTANT):
        return True
    company = getattr(user, "advertiser_id", None)
    if company is None or not has_role(user, Role.ADVERTISER):
        return False
    from .models import CreditNote, Invoice

    files = Q(pdf=path) | Q(certified_pdf=path)
    if (
        Invoice.objects.for_company(company)
        .filter(files | Q(withholding_certificate=path))
        .exists()
    ):
        return True
    return CreditNote.objects.for_company(company).filter(files).exists()
