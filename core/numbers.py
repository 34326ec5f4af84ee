"""Numbers typed by users, in queries, forms and JSON: ASCII digits only, bounded.

`str.isdigit()` accepts "²" and other Unicode digits that `int()` refuses, and
`int()` refuses strings of more than 4 300 digits: every value that becomes a
number goes through `parse_int`, which never raises."""

from __future__ import annotations

import re

# 18 digits hold every amount, count or id the portal knows (a signed 64-bit
# integer has 19); longer input is no number a person meant.
MAX_DIGITS = 18
_INTEGER = re.compile(rf"[+-]?[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)


def parse_int(
    value,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    negative: bool = False,
) -> int | None:
    """The whole number in `value` (an int, or text of ASCII digits with an
    optional sign and surrounding spaces), or None: not a number, a bool, a
    negative number unless `negative`, more than MAX_DIGITS digits, or outside
    [`minimum`, `maximum`]."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not _INTEGER.fullmatch(text):
            return None
        number = int(text)
    else:
        return None
    if number < 0 and not negative:
        return None
    if abs(number) >= 10**MAX_DIGITS:
        return None
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def is_id(value) -> bool:
    """Text that is a database id: 1 to MAX_DIGITS ASCII digits."""
    return parse_int(value, minimum=1) is not None
