"""Whose documents a client-area request reaches: the user's company only."""

from __future__ import annotations

from django.http import Http404


def company_of(user):
    """The user's company; an advertiser account without one sees nothing."""
    if getattr(user, "advertiser_id", None) is None:
        raise Http404
    return user.advertiser
