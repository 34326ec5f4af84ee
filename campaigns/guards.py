"""Checks the apps above campaigns add to a campaign's submission (campaigns
imports none of them): billing's credit stop registers here in its
`AppConfig.ready()`.

A guard is `fn(advertiser, campaign) -> str | None`: a French reason to refuse
the submission (shown to the advertiser as is), or None. It runs inside the
submission's transaction, after the other checks, with the quote frozen on
`campaign` (`campaign.quote_total`)."""

from __future__ import annotations

from collections.abc import Callable

SubmissionGuard = Callable[[object, object], "str | None"]

_guards: list[SubmissionGuard] = []


def register_submission_guard(fn: SubmissionGuard) -> SubmissionGuard:
    """Add `fn` to the checks of every submission (once, however often called)."""
    if fn not in _guards:
        _guards.append(fn)
    return fn


def unregister_submission_guard(fn: SubmissionGuard) -> None:
    if fn in _guards:
        _guards.remove(fn)


def submission_refusal(advertiser, campaign) -> str | None:
    """The first reason a registered guard gives to refuse, or None."""
    for guard in list(_guards):
        reason = guard(advertiser, campaign)
        if reason:
            return str(reason)
    return None
