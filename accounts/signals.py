"""Signals of accounts that apps above it answer (accounts imports none of them).

- `category_requested(sender=Advertiser, advertiser, user)`: an advertiser asked
  for a category (the commercial team is told);
- `category_decided(sender=Advertiser, advertiser, actor, granted, requested)`: the
  commercial team set or confirmed the category, or refused the request
  (`granted` False); the advertiser's users are told."""

from django.dispatch import Signal

category_requested = Signal()
category_decided = Signal()
