"""The two long loops of the report screens written in one pass each, outside
the template engine's loop (issue 16: a year's overview has 365 days of fill
and the filter form one option per advertiser): the `<option>`s of a filter
and the rows of the fill-per-day table. The labels come formatted from the
selector (`reports.selectors.overview._fill`); the values are escaped as the
template would."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


@register.simple_tag
def report_options(choices, selected=None):
    """`<option value="…"[ selected]>…</option>` for each (value, label) of
    `choices`; the value equal to `selected` is selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if value == selected else "", label) for value, label in choices),
    )


@register.simple_tag
def fill_day_rows(rows):
    """The `<tr>`s of the fill-per-day table (`report.fill.by_day`)."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="rp-num">{}</td><td class="rp-num">{}</td>'
        '<td class="rp-num">{}</td><td class="rp-num">{}</td></tr>',
        (
            (
                row["label"],
                row["breaks"],
                row["booked"],
                row["capacity"],
                f"{row['rate_label']} %" if row["rate_label"] else "—",
            )
            for row in rows
        ),
    )
