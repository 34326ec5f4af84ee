"""Amounts in French words, as an invoice states them."""

from __future__ import annotations

from num2words import num2words


def amount_in_words(amount: int) -> str:
    """1234567 -> « Un million deux cent trente-quatre mille cinq cent
    soixante-sept francs CFA »."""
    amount = int(amount)
    prefix = "moins " if amount < 0 else ""
    words = num2words(abs(amount), lang="fr")
    text = f"{prefix}{words} franc{'s' if abs(amount) > 1 else ''} CFA"
    return text[:1].upper() + text[1:]
