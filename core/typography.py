"""French typography for numbers, units, dates and free text (the `fr` template
filters in core/templatetags/fr.py call these).

In French: thousands grouped by a narrow no-break space (187 740), a decimal
comma (30,0), a real minus sign (−23,0), a no-break space between a number and
its unit (30,0 s, 25 i/s, 1 Go), "1er" for the first day of a month, and a
no-break space before : ; ! ? and inside « ». In English the same functions write
187,740 / 30.0 / −23.0 and leave free text alone."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from django.utils import dateformat
from django.utils.translation import get_language, gettext

NNBSP = "\u202f"  # narrow no-break space: thousands, before ; ! ?
NBSP = "\u00a0"  # no-break space: before a unit, before :, inside « »
MINUS = "\u2212"


def is_french() -> bool:
    return (get_language() or "fr").split("-")[0].lower() == "fr"


def to_decimal(value) -> Decimal | None:
    """A number (int, float, Decimal or numeric text) as a Decimal; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(MINUS, "-")
        if "/" in value:
            return fraction_value(value)
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def fraction_value(text: str) -> Decimal | None:
    """ "25/1" -> 25, "30000/1001" -> 29.97002997… (ffprobe's frame rates)."""
    try:
        rate = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        return None
    return Decimal(rate.numerator) / Decimal(rate.denominator)


def number(value, places: int | None = None, *, trim: bool = False) -> str:
    """`value` written the French (or English) way. `places`: decimals shown
    (rounded half up); None: integers as they are, other numbers with at most
    two decimals. `trim` drops trailing zeros ("25,00" -> "25")."""
    amount = to_decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    if places is None:
        places = 0 if amount == amount.to_integral_value() else 2
        trim = True
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as context:  # enough digits for any size a visitor may type
        context.prec = max(28, amount.adjusted() + places + 2)
        amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = amount < 0 and amount != 0
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    french = is_french()
    group = NNBSP if french else ","
    digits = f"{int(whole):,}".replace(",", group)
    text = digits + ((("," if french else ".") + fraction) if fraction else "")
    return (MINUS if negative else "") + text


def with_unit(value, unit: str, places: int | None = None, *, trim: bool = False) -> str:
    """A number and its unit held together by a no-break space; what is not a
    number is shown as it is, without the unit."""
    if to_decimal(value) is None:
        return "" if value is None else str(value)
    return f"{number(value, places, trim=trim)}{NBSP}{unit}"


def seconds(value, places: int | None = 0) -> str:
    """187740 -> "187 740 s"; (30, 1) -> "30,0 s"."""
    return with_unit(value, "s", places)


def lufs(value) -> str:
    """-23 -> "−23,0 LUFS"."""
    return with_unit(value, "LUFS", 1)


def frame_rate(value) -> str:
    """25.0 or "25/1" -> "25 i/s"; "30000/1001" -> "29,97 i/s"."""
    return with_unit(value, gettext("fps"), 2, trim=True)


_DECIMAL_UNITS = (
    (10**12, "TB"),
    (10**9, "GB"),
    (10**6, "MB"),
    (10**3, "kB"),
)
_BINARY_UNITS = (
    (1024**4, "TB"),
    (1024**3, "GB"),
    (1024**2, "MB"),
    (1024, "kB"),
)


def _size(amount, symbol: str, places: int | None = None) -> str:
    """A size and its unit ("1 Go", "1.5 MB"), the unit translated."""
    units = {
        "TB": gettext("%(size)s TB"),
        "GB": gettext("%(size)s GB"),
        "MB": gettext("%(size)s MB"),
        "kB": gettext("%(size)s kB"),
        "B": gettext("%(size)s B"),
    }
    text = units[symbol] % {"size": number(amount, places, trim=True)}
    return text.replace(" ", NBSP)


def file_size(value) -> str:
    """A size in bytes: 1073741824 (1 Gio) -> "1 Go", 20000000 -> "20 Mo",
    1500000 -> "1,5 Mo". A limit written as a power of 1024 reads as a whole
    unit (under 1 000 of it); any other size in decimal units, with at most one
    decimal (1 200 000 000, a multiple of 1 024, reads "1,2 Go", not "1 171 875 ko")."""
    amount = to_decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    size = int(abs(amount))
    for factor, symbol in _BINARY_UNITS:
        if size >= factor and size % factor == 0 and size // factor < 1000:
            return _size(size // factor, symbol)
    for factor, symbol in _DECIMAL_UNITS:
        if size >= factor:
            return _size(Decimal(size) / factor, symbol, 1)
    return _size(size, "B")


def date(value, fmt: str = "j F Y") -> str:
    """A date with Django's date format, "1er" for the first of the month in
    French ("1er décembre 2026")."""
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    if is_french() and value.day == 1:
        fmt = _first_of_month(fmt)
    return dateformat.format(value, fmt)


def _first_of_month(fmt: str) -> str:
    """The format with each unescaped `j` (day without zero) written "1er"."""
    out = []
    escaped = False
    for char in fmt:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(r"1\e\r")
        else:
            out.append(char)
    return "".join(out)


_SPACE_BEFORE_DOUBLE = re.compile(r"[ \u00a0\u202f]+([;!?])")
_SPACE_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+(:)")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]*»")


def punctuation(text) -> str:
    """Free text with no-break spaces where French wants them: the space before
    ; ! ? becomes a narrow no-break space, the one before : a no-break space,
    and « » hold theirs. Nothing is inserted where the writer put no space, so
    URLs and times (10:30) stay as they are. English text is left alone."""
    if text is None:
        return ""
    text = str(text)
    if not is_french():
        return text
    text = _SPACE_BEFORE_DOUBLE.sub(NNBSP + r"\1", text)
    text = _SPACE_BEFORE_COLON.sub(NBSP + r"\1", text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    return _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)
