"""Who hears of an online payment: the company's users (this notice, with the
receipt, replaces billing's "payment received") and the accountants."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from core.money import fcfa
from notifications.kinds import NotificationKind
from notifications.services import notify


def payment_confirmed(intent) -> None:
    invoice = intent.invoice
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Payment of %(amount)s confirmed") % {"amount": fcfa(intent.amount)}
        body = _("%(operator)s, invoice %(number)s, reference %(reference)s.") % {
            "operator": intent.get_operator_display(),
            "number": invoice.number,
            "reference": intent.reference,
        }
        clients = User.objects.filter(
            advertiser_id=intent.payer_id, is_active=True, groups__name=GROUP_NAMES[Role.ADVERTISER]
        )
        for user in clients.distinct():
            notify(
                recipient=user,
                kind=NotificationKind.BILLING,
                title=title,
                body=body,
                url=intent.get_absolute_url(),
            )
        accountants = User.objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.ACCOUNTANT])
        for user in accountants.distinct():
            notify(
                recipient=user,
                kind=NotificationKind.BILLING,
                title=title,
                body=f"{invoice.billed_to.name} · {body}",
            )
