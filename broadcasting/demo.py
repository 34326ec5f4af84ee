"""The demo break grid: about forty ad breaks a day from 06:00 to 00:30, spread
over the bands of the demo rate card and busier around the news (JT 13h, JT
19h30 and JT 20h). Weekends start later in the morning and add a break in the
afternoon magazine and in the evening film.

`ensure_demo_grid()` only adds the breaks the grid does not have (a day and a
time): running it again, or after an administrator's edits, changes nothing
that exists."""

from __future__ import annotations

from datetime import time

from django.db import transaction

from .models import BreakGridSlot, Weekday
from .models.grid import DEFAULT_CAPACITY

# (time, band code, label): every day of the week.
COMMON = [
    # Matinée 06:00–11:00
    (time(6, 0), "matinee", "Ouverture d'antenne"),
    (time(7, 0), "matinee", "Matinale 7h"),
    (time(8, 0), "matinee", "Matinale 8h"),
    (time(8, 30), "matinee", "Matinée 8h30"),
    (time(9, 0), "matinee", "Matinée 9h"),
    (time(9, 30), "matinee", "Matinée 9h30"),
    (time(10, 0), "matinee", "Matinée 10h"),
    (time(10, 30), "matinee", "Matinée 10h30"),
    (time(10, 55), "matinee", "Fin de matinée"),
    # Mi-journée 11:25–14:25, around the JT 13h
    (time(11, 25), "mi-journee", "Mi-journée 11h25"),
    (time(11, 55), "mi-journee", "Mi-journée 12h"),
    (time(12, 25), "mi-journee", "Mi-journée 12h25"),
    (time(12, 45), "mi-journee", "Avant JT 13h (1)"),
    (time(12, 57), "mi-journee", "Avant JT 13h"),
    (time(13, 30), "mi-journee", "Après JT 13h"),
    (time(13, 55), "mi-journee", "Mi-journée 14h"),
    (time(14, 25), "mi-journee", "Fin de mi-journée"),
    # Après-midi 14:30–16:55
    (time(14, 55), "apres-midi", "Après-midi 15h"),
    (time(15, 25), "apres-midi", "Après-midi 15h30"),
    (time(15, 55), "apres-midi", "Après-midi 16h"),
    (time(16, 25), "apres-midi", "Après-midi 16h30"),
    (time(16, 55), "apres-midi", "Fin d'après-midi"),
    # Avant-soirée 17:55–19:00
    (time(17, 55), "avant-soiree", "Avant-soirée 18h"),
    (time(18, 25), "avant-soiree", "Avant-soirée 18h30"),
    (time(18, 45), "avant-soiree", "Avant-soirée 18h45"),
    (time(19, 0), "avant-soiree", "Fin d'avant-soirée"),
    # Prime time 19:25–20:55, around the JT 19h30 and the JT 20h
    (time(19, 25), "prime-time", "Avant JT 19h30 (1)"),
    (time(19, 28), "prime-time", "Avant JT 19h30"),
    (time(19, 57), "prime-time", "Avant JT 20h"),
    (time(20, 30), "prime-time", "Après JT 20h"),
    (time(20, 42), "prime-time", "Prime time 20h45"),
    (time(20, 55), "prime-time", "Fin de prime time"),
    # Fin de soirée 21:55–00:30
    (time(21, 55), "fin-de-soiree", "Fin de soirée 22h"),
    (time(22, 25), "fin-de-soiree", "Fin de soirée 22h30"),
    (time(22, 55), "fin-de-soiree", "Fin de soirée 23h"),
    (time(23, 25), "fin-de-soiree", "Fin de soirée 23h30"),
    (time(23, 55), "fin-de-soiree", "Minuit"),
    (time(0, 30), "fin-de-soiree", "Fin d'antenne"),
]

# Monday to Friday: the early-morning news magazine.
WEEKDAYS_ONLY = [
    (time(6, 30), "matinee", "Matinale 6h30"),
    (time(7, 30), "matinee", "Matinale 7h30"),
]

# Saturday and Sunday: a later morning, the afternoon magazine and the film.
WEEKEND_ONLY = [
    (time(16, 10), "apres-midi", "Magazine du week-end"),
    (time(22, 10), "fin-de-soiree", "Film du week-end"),
]

WEEKEND = (Weekday.SATURDAY, Weekday.SUNDAY)


def demo_grid() -> dict[int, list[tuple[time, str, str]]]:
    """The demo grid by weekday (0 = Monday), each day in broadcast order."""
    grid = {}
    for weekday in Weekday.values:
        extra = WEEKEND_ONLY if weekday in WEEKEND else WEEKDAYS_ONLY
        rows = [*COMMON, *extra]
        # 00:30 closes the broadcast day: order after the evening.
        grid[weekday] = sorted(rows, key=lambda row: (row[0].hour < 5, row[0]))
    return grid


@transaction.atomic
def ensure_demo_grid() -> int:
    """Add the demo grid's breaks the grid does not have yet; returns how many."""
    existing = set(BreakGridSlot.objects.values_list("weekday", "time"))
    missing = [
        BreakGridSlot(
            weekday=weekday,
            time=at,
            band_code=band,
            label=label,
            capacity=DEFAULT_CAPACITY,
        )
        for weekday, rows in demo_grid().items()
        for at, band, label in rows
        if (weekday, at) not in existing
    ]
    BreakGridSlot.objects.bulk_create(missing)
    return len(missing)
