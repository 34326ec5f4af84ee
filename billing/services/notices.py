"""Who hears of billing: the users of the company billed (and of the advertiser
when an agency is billed for it) for their documents and payments."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from core.money import fcfa
from notifications.kinds import NotificationKind
from notifications.services import notify


def _company_users(*companies):
    ids = {company.pk for company in companies if company is not None}
    return User.objects.filter(
        advertiser_id__in=ids, is_active=True, groups__name=GROUP_NAMES[Role.ADVERTISER]
    )


def _tell(companies, *, title: str, body: str, url: str) -> int:
    count = 0
    for user in _company_users(*companies).distinct():
        notify(recipient=user, kind=NotificationKind.BILLING, title=title, body=body, url=url)
        count += 1
    return count


def invoice_issued(invoice) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        pending = "" if invoice.is_certified else " " + _("(awaiting certification)")
        _tell(
            (invoice.billed_to, invoice.advertiser),
            title=_("Invoice %(number)s issued") % {"number": invoice.number},
            body=_("%(subject)s: %(amount)s to pay by %(due)s.%(pending)s")
            % {
                "subject": invoice.subject,
                "amount": fcfa(invoice.net_to_pay),
                "due": invoice.due_date.strftime("%d/%m/%Y") if invoice.due_date else "",
                "pending": pending,
            },
            url=invoice.get_absolute_url(),
        )


def document_certified(document) -> None:
    invoice = getattr(document, "invoice", None) or document
    with translation.override(settings.LANGUAGE_CODE):
        _tell(
            (invoice.billed_to, invoice.advertiser),
            title=_("%(number)s certified") % {"number": document.number},
            body=_("Certification code: %(code)s.") % {"code": document.certification_code or "—"},
            url=document.get_absolute_url(),
        )


def credit_note_issued(note) -> None:
    invoice = note.invoice
    with translation.override(settings.LANGUAGE_CODE):
        _tell(
            (invoice.billed_to, invoice.advertiser),
            title=_("Credit note %(number)s issued") % {"number": note.number},
            body=_("%(amount)s credited on invoice %(invoice)s: %(reason)s")
            % {"amount": fcfa(note.total), "invoice": invoice.number, "reason": note.explanation},
            url=note.get_absolute_url(),
        )


def payment_recorded(payment) -> None:
    from django.urls import reverse

    with translation.override(settings.LANGUAGE_CODE):
        _tell(
            (payment.payer,),
            title=_("Payment of %(amount)s received") % {"amount": fcfa(payment.amount)},
            body=_("Thank you: your payment of %(day)s is recorded.")
            % {"day": payment.received_on.strftime("%d/%m/%Y")},
            url=reverse("billing:overview"),
        )


def overdue_reminder(invoice, days: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _tell(
            (invoice.billed_to,),
            title=_("Invoice %(number)s is overdue") % {"number": invoice.number},
            body=_("%(balance)s remain to pay; the invoice was due on %(due)s (%(days)s days ago).")
            % {
                "balance": fcfa(invoice.balance),
                "due": invoice.due_date.strftime("%d/%m/%Y"),
                "days": days,
            },
            url=invoice.get_absolute_url(),
        )
