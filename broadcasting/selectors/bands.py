"""Time bands by name: every screen that shows a break or an airing says
"Matinée", not the band's code ("matinee")."""

from __future__ import annotations

from simulator.selectors import card_generation

# code -> name, remembered in the process until a rate card changes (the
# simulator's card generation changes with every saved card or band).
_remembered: dict[str, object] = {}


def band_names() -> dict[str, str]:
    """Band code -> name, the newest rate card winning (an old band's code still
    reads as its name). One small query, none while no card has changed."""
    from simulator.models import TimeBand

    generation = card_generation()
    if generation is not None and _remembered.get("generation") == generation:
        return _remembered["names"]  # type: ignore[return-value]
    rows = TimeBand.objects.order_by("rate_card__valid_from", "rate_card_id", "pk")
    names = dict(rows.values_list("code", "name"))
    if generation is not None:
        _remembered.update(generation=generation, names=names)
    return names


def band_name(code: str, names: dict[str, str] | None = None) -> str:
    """The name of the band `code` (the code itself when no card knows it)."""
    if not code:
        return ""
    names = band_names() if names is None else names
    return names.get(code, code)
