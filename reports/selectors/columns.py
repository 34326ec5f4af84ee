"""The columns of the airings and campaigns listings and their exports: what
each line holds, in which order, and of which type."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from broadcasting.models import AiringStatus
from campaigns.models import CreativeMode, Status

TEXT, DATE, DATETIME, MONEY, INT = "text", "date", "datetime", "money", "int"


@dataclass(frozen=True)
class Column:
    """One column of a listing or an export. `key` is a path that
    `.values_list()` accepts on the rows' queryset; `choices` turns a stored code
    into its label. Datetimes come out of the database aware (UTC): show them
    with `timezone.localtime`."""

    key: str
    label: str
    type: str = TEXT
    choices: dict | None = None

    def display(self, value):
        """The value as a reader expects it: a code's label, "" for nothing."""
        if value is None:
            return ""
        if self.choices is not None:
            return str(self.choices.get(value, value))
        return value


AIRING_COLUMNS: tuple[Column, ...] = (
    Column("break_slot__day", gettext_lazy("Broadcast day"), DATE),
    Column("break_slot__starts_at", gettext_lazy("Break"), DATETIME),
    Column("band_code", gettext_lazy("Time band")),
    Column("advertiser__name", gettext_lazy("Advertiser")),
    Column("sector__name", gettext_lazy("Business sector")),
    Column("campaign__title", gettext_lazy("Campaign")),
    Column("length", gettext_lazy("Length (s)"), INT),
    Column("unit_price", gettext_lazy("Unit price excl. VAT (FCFA)"), MONEY),
    Column("status", gettext_lazy("Status"), TEXT, dict(AiringStatus.choices)),
    Column("confirmed_at", gettext_lazy("Confirmed at"), DATETIME),
    Column("missed_reason", gettext_lazy("Reason missed")),
)

CAMPAIGN_COLUMNS: tuple[Column, ...] = (
    Column("title", gettext_lazy("Campaign")),
    Column("advertiser__name", gettext_lazy("Advertiser")),
    Column("sector__name", gettext_lazy("Business sector")),
    Column("status", gettext_lazy("Status"), TEXT, dict(Status.choices)),
    Column("creative_mode", gettext_lazy("Creative"), TEXT, dict(CreativeMode.choices)),
    Column("start_date", gettext_lazy("Start"), DATE),
    Column("end_date", gettext_lazy("End"), DATE),
    Column("approved_at", gettext_lazy("Approved at"), DATETIME),
    Column("quote_subtotal", gettext_lazy("Subtotal excl. VAT (FCFA)"), MONEY),
    Column("quote_discount", gettext_lazy("Discount (FCFA)"), MONEY),
    Column("booked_net", gettext_lazy("Booked excl. VAT (FCFA)"), MONEY),
    Column("quote_vat", gettext_lazy("VAT (FCFA)"), MONEY),
    Column("quote_total", gettext_lazy("Total incl. VAT (FCFA)"), MONEY),
    Column("aired_in_period", gettext_lazy("Airings aired in the period"), INT),
    Column("delivered_in_period", gettext_lazy("Delivered in the period excl. VAT (FCFA)"), MONEY),
)
