"""Phone numbers, IFU and RCCM: what a client types is accepted or refused the way
a Burkina Faso company expects."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from accounts.validators import normalize_phone, validate_ifu, validate_phone, validate_rccm

E164 = re.compile(r"^\+\d{8,15}$")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("70 12 34 56", "+22670123456"),
        ("70123456", "+22670123456"),
        ("+226 70 12 34 56", "+22670123456"),
        ("+226-70-12-34-56", "+22670123456"),
        ("0022670123456", "+22670123456"),
        ("00226 25 30 60 60", "+22625306060"),
        ("(+226) 76.12.34.56", "+22676123456"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+225 07 07 12 34 56", "+2250707123456"),
    ],
)
def test_valid_phone_numbers_are_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "12345",  # too short for anything
        "+226 1234567",  # 7 digits after +226
        "+226 10 12 34 56",  # Burkina numbers never start with 1
        "+226 40 12 34 56",  # nor with 4
        "+226 70 12 34 56 78",  # 10 digits after +226
        "+1234567",  # 7 digits in all: too short for an international number
        "+0612345678",  # no country code starts with 0
        "+33 6 12 34 56 78 90 12 34",  # 16 digits
        "70-12-34-5a",
        "téléphone",
        "   ",
    ],
)
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)
    with pytest.raises(ValidationError):
        validate_phone(raw)


@given(
    first=st.sampled_from("0256789"),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=7),
)
def test_burkina_numbers_in_e164_form_normalise_to_themselves(first, rest):
    number = f"+226{first}{rest}"
    assert normalize_phone(number) == number


@given(st.text(alphabet="0123456789 +-.()/", max_size=30))
def test_whatever_normalize_phone_returns_is_e164(raw):
    try:
        result = normalize_phone(raw)
    except ValidationError:
        return
    assert E164.fullmatch(result)
    # Normalising twice changes nothing.
    assert normalize_phone(result) == result


@pytest.mark.parametrize("value", ["00012345A", "12345678z", " 00012345B ", ""])
def test_valid_ifu(value):
    validate_ifu(value)


@pytest.mark.parametrize("value", ["0001234A", "000123456A", "00012345", "A00012345", "0001234-5A"])
def test_invalid_ifu(value):
    with pytest.raises(ValidationError):
        validate_ifu(value)


@pytest.mark.parametrize(
    "value",
    ["BF-OUA-2019-B-12345", "BF OUA 2019 B 12345", "bf-bbd-19-a-1", "BFOUA2019B12345", ""],
)
def test_valid_rccm(value):
    validate_rccm(value)


@pytest.mark.parametrize(
    "value",
    ["FR-PAR-2019-B-12345", "BF-OU-2019-B-12345", "BF-OUA-2019-12345", "BF-OUA-2019-B-1234567"],
)
def test_invalid_rccm(value):
    with pytest.raises(ValidationError):
        validate_rccm(value)
