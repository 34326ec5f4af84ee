from django.conf import settings
from django.contrib.auth.backends import ModelBackend

# The longest username django-axes can store (AccessAttempt.username).
LOCKOUT_USERNAME_MAX_LENGTH = 255


def normalize_login(value) -> str:
    """The e-mail address as the login matches it: no surrounding spaces, any
    case (the backend looks it up with `iexact`)."""
    return str(value).strip().lower()


class EmailBackend(ModelBackend):
    """Sign in with the e-mail address, whatever its case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("email")
        if username is not None:
            username = username.strip()
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials=None) -> str | None:
    """The username django-axes counts failures for and checks locks against
    (AXES_USERNAME_CALLABLE): the address as the backend matches it, so that
    "X@EXAMPLE.COM" and " x@example.com" share the tries of "x@example.com".
    Cut to what the lockout table stores, NUL bytes removed: writing it never fails."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = None
    if credentials:
        value = credentials.get(field)
        if value is None:
            value = credentials.get("email")
    elif request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field)
    if value is None:
        return None
    return normalize_login(value).replace("\x00", "")[:LOCKOUT_USERNAME_MAX_LENGTH]
