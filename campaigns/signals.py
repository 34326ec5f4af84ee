"""What campaigns tells the apps above it, which connect in their `AppConfig.ready()`
(campaigns imports none of them).

- `campaign_approved(sender=Campaign, campaign_id=int)`: sent once the transaction
  that approved the campaign has committed; broadcasting places its airings."""

from __future__ import annotations

from django.dispatch import Signal

campaign_approved = Signal()
