"""The engine's sentences in the active language, remembered: the engine asks for
the same few sentences on every line of every quote, and Django's lookup is slow
for such a hot loop. `price()` reads the active language once per quote into
`QUOTE_LANGUAGE`; `_()` (which `makemessages` finds like gettext) reads it."""

from __future__ import annotations

from contextvars import ContextVar

from django.utils.translation import get_language, gettext, gettext_lazy

_TRANSLATED: dict[tuple[str | None, str], str] = {}
_UNSET = object()
# The active language, read once per quote (Django's lookup is slow for a hot loop).
QUOTE_LANGUAGE: ContextVar = ContextVar("pricing_language", default=_UNSET)


def _(message: str) -> str:
    """gettext, remembered per active language: the engine asks for the same
    few sentences on every line of every quote (makemessages still finds them)."""
    language = QUOTE_LANGUAGE.get()
    if language is _UNSET:
        language = get_language()
    key = (language, message)
    try:
        return _TRANSLATED[key]
    except KeyError:
        translated = _TRANSLATED[key] = gettext(message)
        return translated


WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
