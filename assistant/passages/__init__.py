"""What the index is built from: the published pages split into passages (a
heading and its paragraphs), the live FAQ entries and the live rate card, as
plain `PassageData` (no analysis here: `services.index` analyses them)."""

from .base import PassageData
from .card import card_passages
from .faq import faq_passages
from .pages import page_passages

__all__ = ["PassageData", "card_passages", "collect", "faq_passages", "page_passages"]


def collect() -> list[PassageData]:
    """Every passage of the site, pages first, then the FAQ, then the card."""
    return [*page_passages(), *faq_passages(), *card_passages()]
