"""Signed, expiring e-mail confirmation links."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "accounts.email-confirmation"


@dataclass(frozen=True)
class TokenCheck:
    user_id: int | None
    email: str | None
    problem: str | None  # None, "expired" or "invalid"


def make_confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT, compress=True)


def read_confirmation_token(token: str) -> TokenCheck:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        return TokenCheck(None, None, "expired")
    except signing.BadSignature:
        return TokenCheck(None, None, "invalid")
    if not isinstance(data, dict) or "u" not in data or "e" not in data:
        return TokenCheck(None, None, "invalid")
    return TokenCheck(data["u"], data["e"], None)
