"""The rows of the advertiser's campaign table, printed here rather than by a
template loop (each row prints a dozen values; the template engine's look-ups
cost more than reading the rows). Every value is escaped."""

from __future__ import annotations

from html import escape as _escape

from django.utils.safestring import mark_safe

from ..selectors import ListingRow


def _e(value) -> str:
    return _escape(str(value), quote=True)


def row_html(row: ListingRow) -> str:
    sector = f" · {_e(row.sector_name)}" if row.sector_name else ""
    return (
        "<tr>"
        f'<td class="px-4 py-3"><a href="{_e(row.url)}" class="link font-semibold">'
        f"{_e(row.title)}</a>"
        f'<p class="text-slate-500">{_e(row.product)}{sector}</p></td>'
        '<td class="px-4 py-3"><span class="inline-flex items-center rounded-full px-2.5 py-0.5 '
        f'text-xs font-semibold {_e(row.status_chip)}" data-status="{_e(row.status)}">'
        f"{_e(row.status_label)}</span></td>"
        f'<td class="px-4 py-3 whitespace-nowrap">{_e(row.period)}</td>'
        f'<td class="px-4 py-3 text-right tabular-nums">{row.airings_total}</td>'
        '<td class="px-4 py-3 text-right tabular-nums">'
        f"{row.approved_spot_count}/{row.spot_count}</td>"
        f'<td class="px-4 py-3 text-right tabular-nums whitespace-nowrap">{_e(row.total)}</td>'
        "</tr>"
    )


def rows_html(rows: list[ListingRow]) -> str:
    return mark_safe("".join(row_html(row) for row in rows))  # noqa: S308 - every value escaped
