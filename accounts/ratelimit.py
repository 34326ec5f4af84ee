"""Budgets of the public forms that send an e-mail (contact, password reset,
registration notices): valid submissions counted per client address and per
e-mail address in fixed windows (`core.throttle` counters), and the French 429
page shown past a budget.

A limit never breaks a form: when the cache fails, the submission is let through
(fail open) and the failure logged."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core import throttle

from .backends import normalize_login

logger = logging.getLogger(__name__)

ADDRESS_WINDOW_SECONDS = 10 * 60
EMAIL_WINDOW_SECONDS = 60 * 60


@dataclass(frozen=True)
class Budget:
    setting: str  # name of the setting holding the count allowed (0: no limit)
    window: int  # seconds

    @property
    def limit(self) -> int:
        return int(getattr(settings, self.setting, 0) or 0)


# form name -> (budget per client address, budget per e-mail address)
FORM_BUDGETS: dict[str, tuple[Budget, Budget]] = {
    "contact": (
        Budget("CONTACT_RATE_PER_ADDRESS", ADDRESS_WINDOW_SECONDS),
        Budget("CONTACT_RATE_PER_EMAIL", EMAIL_WINDOW_SECONDS),
    ),
    "password-reset": (
        Budget("PASSWORD_RESET_RATE_PER_ADDRESS", ADDRESS_WINDOW_SECONDS),
        Budget("PASSWORD_RESET_RATE_PER_EMAIL", EMAIL_WINDOW_SECONDS),
    ),
}
REGISTRATION_NOTICE = Budget("REGISTRATION_NOTICE_PER_EMAIL", EMAIL_WINDOW_SECONDS)


def email_key(email: str) -> str:
    """The counter key of an e-mail address: any case, hashed (no address in the
    cache, and a short key whatever the address's length)."""
    digest = hashlib.sha256(normalize_login(email).encode("utf-8", "replace")).hexdigest()
    return f"email-{digest[:32]}"


def seconds_until_next_window(window: int) -> int:
    """Seconds until the current fixed window of `core.throttle` ends."""
    return max(1, math.ceil(window - time.time() % window))


def _over_budget(key: str, *, scope: str, budget: Budget) -> bool:
    """Count one hit; True once `key` went past the budget. False (allowed) when
    there is no limit or when the cache fails."""
    limit = budget.limit
    if limit <= 0:
        return False
    try:
        count = throttle.record_hit(key, scope=scope, window=budget.window)
        return isinstance(count, int) and count > limit
    except Exception:  # noqa: BLE001 - a cache outage must not break the form
        logger.warning("Rate limit %s not counted (cache error); let through", scope, exc_info=True)
        return False


def refusal_for(request: HttpRequest, *, form: str, email: str | None) -> HttpResponse | None:
    """Count a valid submission of `form` from this client for `email`. None when
    it may go on; the 429 page when the address or the e-mail is over budget."""
    per_address, per_email = FORM_BUDGETS[form]
    if _over_budget(throttle.client_address(request), scope=f"{form}:ip", budget=per_address):
        return too_many_requests(request, retry_after=seconds_until_next_window(per_address.window))
    if email and _over_budget(email_key(email), scope=f"{form}:email", budget=per_email):
        return too_many_requests(request, retry_after=seconds_until_next_window(per_email.window))
    return None


def allow_notice(email: str) -> bool:
    """Count a warning e-mail to the owner of `email` (someone tried to register
    the address again); False once the address had its share this hour."""
    return not _over_budget(email_key(email), scope="register-notice", budget=REGISTRATION_NOTICE)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """The French 429 page, saying when to try again (and a Retry-After header)."""
    retry_at = timezone.localtime(timezone.now() + timedelta(seconds=retry_after))
    context = {"retry_minutes": max(1, math.ceil(retry_after / 60)), "retry_at": retry_at}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
