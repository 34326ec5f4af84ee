"""Numbers typed by users never raise: Unicode digits, huge strings, signs, bools."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import MAX_DIGITS, is_id, parse_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30", 30),
        (" 30 ", 30),
        (30, 30),
        ("+7", 7),
        ("²", None),
        ("٣", None),  # Arabic-Indic three: isdigit() says yes, int() would accept it
        ("9" * 5000, None),
        ("9" * (MAX_DIGITS + 1), None),
        ("1.5", None),
        ("--5", None),
        ("-5", None),
        ("", None),
        (None, None),
        (True, None),
        ([1], None),
        ({"a": 1}, None),
    ],
)
def test_parse_int(value, expected):
    assert parse_int(value) == expected


def test_bounds_and_negative_numbers():
    assert parse_int("-5", negative=True) == -5
    assert parse_int("5", minimum=1, maximum=4) is None
    assert parse_int("4", minimum=1, maximum=4) == 4
    assert parse_int(10**MAX_DIGITS) is None
    assert is_id("12") and not is_id("0") and not is_id("²") and not is_id(False)


@given(st.text(max_size=50))
def test_any_text_gives_a_number_or_none(text):
    result = parse_int(text, negative=True)
    assert result is None or (isinstance(result, int) and str(result) == str(int(text.strip())))
