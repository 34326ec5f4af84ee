"""Validators for Burkina Faso identifiers and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BF_COUNTRY_CODE = "226"
_SEPARATORS = re.compile(r"[\s.\-()/]")


def normalize_phone(raw: str) -> str:
    """Return the number in E.164 form (+22670123456) or raise ValidationError.

    Burkina numbers: +226 (or 00226) followed by exactly 8 digits; 8 digits alone
    are taken as a Burkina number. Other countries: + and 8 to 15 digits."""
    value = _SEPARATORS.sub("", raw or "")
    if not value:
        raise ValidationError(_("Enter a phone number."), code="required")
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.isdigit() and len(value) == 8:
        value = "+" + BF_COUNTRY_CODE + value
    if not re.fullmatch(r"\+\d+", value):
        raise ValidationError(
            _("Enter a valid phone number, e.g. +226 70 12 34 56."), code="invalid"
        )
    digits = value[1:]
    if digits.startswith(BF_COUNTRY_CODE):
        local = digits[len(BF_COUNTRY_CODE) :]
        if len(local) != 8:
            raise ValidationError(
                _("A Burkina Faso number has 8 digits after +226, e.g. +226 70 12 34 56."),
                code="invalid_bf",
            )
        if local[0] not in "0256789":
            raise ValidationError(
                _("This Burkina Faso number does not exist (it starts with 0, 2, 5-9)."),
                code="invalid_bf",
            )
        return value
    if not 8 <= len(digits) <= 15 or digits[0] == "0":
        raise ValidationError(
            _("Enter a valid international number starting with + and the country code."),
            code="invalid",
        )
    return value


def validate_phone(value: str) -> None:
    normalize_phone(value)


def validate_ifu(value: str) -> None:
    """IFU (Identifiant Financier Unique): 8 digits followed by one letter."""
    if value and not re.fullmatch(r"\d{8}[A-Za-z]", value.strip()):
        raise ValidationError(
            _("The IFU number has 8 digits followed by a letter, e.g. 00012345A."),
            code="invalid_ifu",
        )


def validate_rccm(value: str) -> None:
    """RCCM: e.g. BF-OUA-2019-B-12345 (separators may be spaces or dashes)."""
    if value and not re.fullmatch(
        r"BF[\s\-]?[A-Z]{3}[\s\-]?\d{2,4}[\s\-]?[A-Z][\s\-]?\d{1,6}", value.strip().upper()
    ):
        raise ValidationError(
            _("Enter the RCCM number as on the register, e.g. BF-OUA-2019-B-12345."),
            code="invalid_rccm",
        )
