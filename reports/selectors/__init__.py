"""The reads of the reports: the overview's figures and the rows of the
listings, shared by the screens (staff and advertiser) and the exports.

Everything is computed by the database (`values().annotate()`, conditional
`Count`/`Sum`): the overview runs a fixed number of queries whatever the period
and the amount of data (9 for the staff, 4 for an advertiser); Python only adds
up the aggregated groups the database returns (per band, day and VAT rate: at
most a few thousand for 365 days, however many airings there are). The
overview's airing figures read the daily totals the database keeps beside the
airings (`broadcasting.AiringDay`, `AiringBandDay`: docs/decisions/
0016-airing-day-rollup.md), the listings and exports the airings themselves.

Meaning of the figures (README, "Rapports et statistiques"):

- revenue booked: the frozen quotes of the campaigns *approved* in the period
  (`approved_at` within it, neither refused nor cancelled since): subtotal minus
  discount excluding VAT, the frozen VAT apart;
- revenue delivered: the unit prices (excl. VAT) of the airings *aired* in a
  break of the period; VAT apart at the rate of the campaign's rate card (18 %
  without a card), rounded half up per rate;
- fill rate: seconds sold (booked seconds of the open breaks) ÷ capacity of the
  open breaks of the period, for the whole station (only the band filter
  applies: capacity belongs to no advertiser);
- campaigns of the period: those whose dates cross the period, or created or
  approved during it.

`advertiser=` (an Advertiser or its id) limits every figure to that company,
whatever the filters say; the station-wide figures (fill, rankings, coverage
requests) are then left out.

By area: `columns` (what the listings and exports hold), `conditions` (the
period and filters as database conditions), `listings` (the rows of the
airings and campaigns of the period), `figures` (percentages, VAT, revenue
booked), `overview` (every figure of the overview) and `dashboard` (the admin
dashboard's panel)."""

from __future__ import annotations

from .aired import TOP_SIZE
from .columns import AIRING_COLUMNS, CAMPAIGN_COLUMNS, DATE, DATETIME, INT, MONEY, TEXT, Column
from .conditions import airing_q, campaign_filter_q, campaign_period_q
from .dashboard import key_figures
from .figures import DEFAULT_VAT_RATE, NOT_BOOKED_STATUSES, percent
from .listings import airing_rows, airing_values, campaign_rows, campaign_values
from .overview import AIRING_COUNTS, month_label, overview

__all__ = [
    "AIRING_COLUMNS",
    "AIRING_COUNTS",
    "CAMPAIGN_COLUMNS",
    "DATE",
    "DATETIME",
    "DEFAULT_VAT_RATE",
    "INT",
    "MONEY",
    "NOT_BOOKED_STATUSES",
    "TEXT",
    "TOP_SIZE",
    "Column",
    "airing_q",
    "airing_rows",
    "airing_values",
    "campaign_filter_q",
    "campaign_period_q",
    "campaign_rows",
    "campaign_values",
    "key_figures",
    "month_label",
    "overview",
    "percent",
]
