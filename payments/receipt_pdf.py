"""The receipt of a confirmed online payment (BF1 letter): who paid, which
invoice, how much, through which operator and provider transaction. It proves
the payment, never replaces the invoice."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.platypus import Paragraph, Spacer

from billing.pdf.common import day, facts
from core.money import fcfa
from core.pdf import LETTER, Letterhead, build_pdf, para, party_lines, styles


def filename(intent) -> str:
    return f"recu-{intent.reference}.pdf"


def confirmed_at(intent):
    return intent.state_changed_at or intent.updated_at


def render_receipt(intent, *, compress: bool | None = None) -> bytes:
    st = styles()
    invoice = intent.invoice
    payer = intent.payer
    when = timezone.localtime(confirmed_at(intent))
    title = _("Payment receipt")
    rows = [
        (_("Reference"), intent.reference),
        (_("Date"), f"{day(when)} {when:%H:%M}"),
        (_("Invoice"), invoice.number),
        (_("Amount"), fcfa(intent.amount)),
        (_("Operator"), intent.get_operator_display()),
        (_("Provider transaction"), intent.provider_reference or "—"),
    ]
    if intent.phone:
        rows.append((_("Paid from"), intent.phone))
    story = [
        Paragraph(
            "<br/>".join(
                party_lines(payer.name, ifu=payer.ifu, rccm=payer.rccm, address=payer.address)
            ),
            st["base"],
        ),
        Spacer(1, 8),
        Paragraph(para(title), st["h2"]),
        facts(rows, st),
        Spacer(1, 10),
        Paragraph(
            f"<b>{para(_('Payment receipt — this receipt does not replace the invoice.'))}</b>",
            st["base"],
        ),
        Spacer(1, 4),
        Paragraph(
            para(
                _(
                    "Payment by mobile money confirmed with the operator's payment service; "
                    "it is recorded on the invoice above."
                )
            ),
            st["small"],
        ),
    ]
    head = Letterhead(
        title=title,
        reference=intent.reference,
        detail=_("Receipt of %(date)s") % {"date": day(when)},
        footer=title,
        layout=LETTER,
        doc_title=f"{title} {intent.reference}",
    )
    return build_pdf(story, head, compress=compress)
