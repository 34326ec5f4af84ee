"""The accountant's journal (SYSCOHADA): one line per debit or credit of every
invoice and credit note issued, and every payment received, in a period; each
document balanced to the franc.

- Invoice (journal VE): debit clients (411) the net to pay, debit "VAT withheld
  by clients" what the client withholds, debit "agency commissions" the
  commission; credit revenue (706) gross − discount − advance deducted (the
  advance invoice already booked that revenue), credit VAT invoiced (4432) the
  VAT. Since total = total_excl_vat + vat, total_excl_vat = gross − discount −
  commission − advance_deducted and net_to_pay = total − vat_withheld, the
  debits equal the credits. An advance invoice is an invoice like another.
- Credit note (VE): the reverse, on its own amounts (net, VAT withheld, excl.
  VAT, VAT).
- Payment (BQ for transfer, cheque and mobile money, CA for cash): debit the
  bank, cash or mobile-money account, credit clients (411).

Accounts come from the billing settings (billing.conf.billing_settings). Three
queries whatever the number of documents. Writers: formula-safe CSV and XLSX
(core.tabular)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import csv_bytes as tabular_csv_bytes
from core.tabular import xlsx_cell, xlsx_heading_style

from ..conf import billing_settings
from ..models import CreditNote, CreditStatus, Invoice, InvoiceKind, Payment, PaymentMethod

SALES, BANK, CASH = "VE", "BQ", "CA"


@dataclass(frozen=True)
class JournalRow:
    date: dt.date
    journal: str
    document: str
    account: str
    label: str
    debit: int
    credit: int
    client: str
    client_ifu: str


def headings() -> list[str]:
    return [
        _("Date"),
        _("Journal"),
        _("Document"),
        _("Account"),
        _("Label"),
        _("Debit"),
        _("Credit"),
        _("Client"),
        _("Client IFU"),
    ]


def _lines(head: dict, entries) -> list[JournalRow]:
    """Rows of one document from (account, label, debit, credit); nothing for a
    zero amount."""
    return [
        JournalRow(account=account, label=label, debit=debit, credit=credit, **head)
        for account, label, debit, credit in entries
        if debit or credit
    ]


def invoice_rows(invoice: Invoice, conf) -> list[JournalRow]:
    client = invoice.client or {}
    head = {
        "date": timezone.localdate(invoice.issued_at),
        "journal": SALES,
        "document": invoice.number,
        "client": client.get("name", ""),
        "client_ifu": client.get("ifu", ""),
    }
    if invoice.kind == InvoiceKind.ADVANCE:
        what = _("Advance invoice %(number)s") % {"number": invoice.number}
    else:
        what = _("Invoice %(number)s") % {"number": invoice.number}
    revenue = invoice.total_excl_vat + invoice.commission
    return _lines(
        head,
        [
            (conf.account_clients, what, invoice.net_to_pay, 0),
            (
                conf.account_vat_withheld,
                _("VAT withheld · %(what)s") % {"what": what},
                invoice.vat_withheld,
                0,
            ),
            (
                conf.account_commission,
                _("Agency commission · %(what)s") % {"what": what},
                invoice.commission,
                0,
            ),
            (
                conf.account_revenue,
                _("Advertising airings · %(what)s") % {"what": what},
                0,
                revenue,
            ),
            (conf.account_vat, _("VAT invoiced · %(what)s") % {"what": what}, 0, invoice.vat),
        ],
    )


def credit_note_rows(note: CreditNote, conf) -> list[JournalRow]:
    client = note.client or {}
    head = {
        "date": timezone.localdate(note.issued_at),
        "journal": SALES,
        "document": note.number,
        "client": client.get("name", ""),
        "client_ifu": client.get("ifu", ""),
    }
    what = _("Credit note %(number)s on %(invoice)s") % {
        "number": note.number,
        "invoice": note.invoice.number,
    }
    return _lines(
        head,
        [
            (
                conf.account_revenue,
                _("Advertising airings · %(what)s") % {"what": what},
                note.total_excl_vat,
                0,
            ),
            (conf.account_vat, _("VAT invoiced · %(what)s") % {"what": what}, note.vat, 0),
            (conf.account_clients, what, 0, note.net),
            (
                conf.account_vat_withheld,
                _("VAT withheld · %(what)s") % {"what": what},
                0,
                note.vat_withheld,
            ),
        ],
    )


def payment_document(payment: Payment) -> str:
    return f"RG-{payment.pk:06d}"


def payment_rows(payment: Payment, conf) -> list[JournalRow]:
    if payment.method == PaymentMethod.CASH:
        journal, account = CASH, conf.account_cash
    elif payment.method == PaymentMethod.MOBILE_MONEY:
        journal, account = BANK, conf.account_mobile_money
    else:
        journal, account = BANK, conf.account_bank
    what = _("Payment (%(method)s)") % {"method": payment.get_method_display()}
    if payment.reference:
        what = f"{what} {payment.reference}"
    head = {
        "date": payment.received_on,
        "journal": journal,
        "document": payment_document(payment),
        "client": payment.payer.name,
        "client_ifu": payment.payer.ifu,
    }
    return _lines(
        head,
        [(account, what, payment.amount, 0), (conf.account_clients, what, 0, payment.amount)],
    )


def journal_rows(start: dt.date, end: dt.date, *, conf=None) -> list[JournalRow]:
    """Every line of the documents of [start, end] (local days), by date then
    document: invoices and credit notes by their day of issue, payments by the
    day they were received."""
    conf = conf or billing_settings()
    documents: list[tuple[dt.date, int, str, list[JournalRow]]] = []
    invoices = (
        Invoice.objects.filter(issued_at__date__gte=start, issued_at__date__lte=end)
        .exclude(number="")
        .order_by("issued_at", "pk")
    )
    for invoice in invoices:
        rows = invoice_rows(invoice, conf)
        documents.append((rows[0].date if rows else start, 0, invoice.number, rows))
    notes = (
        CreditNote.objects.filter(
            status=CreditStatus.ISSUED, issued_at__date__gte=start, issued_at__date__lte=end
        )
        .select_related("invoice")
        .order_by("issued_at", "pk")
    )
    for note in notes:
        rows = credit_note_rows(note, conf)
        documents.append((rows[0].date if rows else start, 1, note.number, rows))
    payments = (
        Payment.objects.filter(received_on__gte=start, received_on__lte=end)
        .select_related("payer")
        .order_by("received_on", "pk")
    )
    for payment in payments:
        rows = payment_rows(payment, conf)
        documents.append((payment.received_on, 2, payment_document(payment), rows))
    documents.sort(key=lambda item: item[:3])
    return [row for *_key, rows in documents for row in rows]


def _values(row: JournalRow) -> list:
    return [
        row.date,
        row.journal,
        row.document,
        row.account,
        row.label,
        row.debit,
        row.credit,
        row.client,
        row.client_ifu,
    ]


def csv_bytes(rows: list[JournalRow]) -> bytes:
    """The journal as CSV (UTF-8 with BOM, `;`), formula-safe."""
    return tabular_csv_bytes([headings(), *(_values(row) for row in rows)])


def xlsx_bytes(rows: list[JournalRow]) -> bytes:
    """The journal as XLSX: real dates, amounts as integers, text typed as text."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Journal")[:31])
    for letter, width in zip("ABCDEFGHI", (12, 8, 16, 10, 48, 14, 14, 32, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    font, fill = xlsx_heading_style()
    sheet.append([xlsx_cell(sheet, h, font=font, fill=fill) for h in headings()])
    formats = {0: "DD/MM/YYYY", 5: "#,##0", 6: "#,##0"}
    for row in rows:
        sheet.append(
            [
                xlsx_cell(sheet, value, number_format=formats.get(index))
                for index, value in enumerate(_values(row))
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


xlsx = xlsx_bytes
