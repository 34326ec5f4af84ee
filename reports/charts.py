"""The monthly chart of the overview, drawn on the server as SVG: a column of
revenue delivered per month and, for the staff, a line of the fill rate.

`monthly_chart` only computes the geometry (plain numbers and labels) from the
overview's `monthly` series; `templates/reports/_chart.html` draws it. The
chart keeps a readable size: on a phone it scrolls sideways rather than
shrinking its text, and its title, description and the table beside it carry
the same figures for screen readers."""

from __future__ import annotations

import math

from django.utils import formats
from django.utils.translation import gettext as _

from core.money import fcfa

HEIGHT = 260
TOP = 24
BOTTOM = 210  # baseline of the columns; month labels below
LEFT = 64
SLOT = 56
RIGHT_WITH_FILL = 48
RIGHT = 16
BAR_RATIO = 0.6
# Below this scale the text gets too small: the chart scrolls instead; above
# that one a chart of few months would grow huge on a wide screen.
MIN_SCALE = 0.7
MAX_SCALE = 1.6


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (at least 1)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * power)
        if candidate >= value:
            return candidate
    return 10 * power  # pragma: no cover - the loop always returns


def compact_amount(value: int) -> str:
    """1 250 000 -> “1,25 M”, 87 750 -> “88 k”: the labels of the axis."""
    if value >= 1_000_000:
        number = formats.number_format(round(value / 1_000_000, 2), decimal_pos=None)
        return _("%(number)s M") % {"number": number}
    if value >= 1_000:
        return _("%(number)s k") % {"number": formats.number_format(round(value / 1_000))}
    return str(value)


def _percent_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{formats.number_format(value, decimal_pos=1)}\u00a0%"


def monthly_chart(monthly: list[dict], *, show_fill: bool = True) -> dict:
    """Geometry of the chart for the `monthly` series of `selectors.overview`."""
    count = max(len(monthly), 1)
    right = RIGHT_WITH_FILL if show_fill else RIGHT
    width = LEFT + count * SLOT + right
    plot_height = BOTTOM - TOP
    top_amount = nice_ceiling(max((row["delivered"] for row in monthly), default=0))
    fills = [row["fill_rate"] for row in monthly if row.get("fill_rate") is not None]
    top_fill = max(100, math.ceil(max(fills, default=0) / 10) * 10)

    def y_amount(amount: int) -> float:
        return round(BOTTOM - amount * plot_height / top_amount, 1)

    def y_fill(rate: float) -> float:
        return round(BOTTOM - rate * plot_height / top_fill, 1)

    bar_width = round(SLOT * BAR_RATIO, 1)
    columns, points, descriptions = [], [], []
    for index, row in enumerate(monthly):
        x_center = LEFT + index * SLOT + SLOT / 2
        y = y_amount(row["delivered"])
        month = row["month"]
        column = {
            "x": round(x_center - bar_width / 2, 1),
            "y": y,
            "width": bar_width,
            "height": round(BOTTOM - y, 1),
            "x_center": round(x_center, 1),
            "label": formats.date_format(month, "M"),
            "year": formats.date_format(month, "Y"),
            "amount": fcfa(row["delivered"]),
            "fill": _percent_text(row.get("fill_rate")) if show_fill else "",
        }
        columns.append(column)
        text = _("%(month)s: %(amount)s delivered") % {
            "month": row["label"],
            "amount": column["amount"],
        }
        if show_fill and row.get("fill_rate") is not None:
            points.append((round(x_center, 1), y_fill(row["fill_rate"])))
            text += ", " + _("fill %(rate)s") % {"rate": column["fill"]}
        descriptions.append(text)

    ticks = [
        {"y": y_amount(amount), "label": compact_amount(amount)}
        for amount in (0, top_amount // 2, top_amount)
    ]
    fill_ticks = (
        [{"y": y_fill(rate), "label": f"{rate}\u00a0%"} for rate in (0, top_fill // 2, top_fill)]
        if show_fill
        else []
    )
    return {
        "width": width,
        "height": HEIGHT,
        "min_width": math.ceil(width * MIN_SCALE),
        "max_width": math.ceil(width * MAX_SCALE),
        "left": LEFT,
        "right_axis": width - right,
        "top": TOP,
        "baseline": BOTTOM,
        "label_y": BOTTOM + 18,
        "year_y": BOTTOM + 34,
        "columns": columns,
        "ticks": ticks,
        "fill_ticks": fill_ticks,
        "show_fill": show_fill,
        "polyline": " ".join(f"{x},{y}" for x, y in points),
        "points": [{"x": x, "y": y} for x, y in points],
        "description": "; ".join(descriptions) + "." if descriptions else "",
        "is_empty": not any(row["delivered"] for row in monthly) and not points,
    }
