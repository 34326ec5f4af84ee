"""The markup of the advertiser's calendar days, built here rather than by a
template loop: a month shows about a hundred airings, each printing a dozen
values, and the template engine's look-ups cost more than the rest of the page.
Every value is escaped; the result is marked safe once per day."""

from __future__ import annotations

from html import escape as _escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .advertiser import AiringRow, Day


def escape(value) -> str:
    # The standard library's escape (what Django's does, without its lazy-string wrapper).
    return _escape(str(value), quote=True)


def entry_html(row: AiringRow, *, detailed: bool, spot_word: str) -> str:
    """One airing as a list item: time, campaign, band, status chip; with
    `detailed` (the week view) also the break's label and the spot."""
    band = escape(row.band)
    label = row.airing.break_slot.label
    if detailed and label:
        band = f"{band} · {escape(label)}"
    spot = ""
    if detailed and row.spot:
        spot = (
            f' <span class="bc-band w-full text-xs text-slate-500">'
            f"{escape(spot_word)}: {escape(row.spot)}</span>"
        )
    return (
        f'<li class="bc-entry" data-airing data-status="{escape(row.key)}" '
        f'title="{escape(row.title)}"><span class="bc-dot {escape(row.css)}" aria-hidden="true">'
        f'</span> <time class="font-semibold tabular-nums" datetime="{escape(row.iso)}">'
        f"{escape(row.time)}</time> "
        f'<span class="bc-title">{escape(row.airing.campaign.title)}</span> '
        f'<span class="bc-band text-slate-500">· {band}</span> '
        f'<span class="sr-only">{escape(row.sr_label)}</span>'
        f'<span class="bc-chip inline-flex items-center rounded-full px-2 py-0.5 text-xs '
        f'font-semibold {escape(row.chip)}" aria-hidden="true">{escape(row.chip_text)}</span>'
        f"{spot}</li>"
    )


def with_entries(days: list[Day], *, detailed: bool) -> list[Day]:
    """Give each day `entries`: its airings' list items, ready to print."""
    spot_word = _("Spot")
    for day in days:
        markup = "".join(
            entry_html(row, detailed=detailed, spot_word=spot_word) for row in day.airings
        )
        day.entries = mark_safe(markup)  # noqa: S308 - every value escaped by entry_html
    return days
