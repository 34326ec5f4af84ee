"""The dashboard's "Waiting for action" panel and the counts it polls (staff only);
the counts are also pushed live (campaigns.realtime)."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.admin.ui.components import Component

from accounts.permissions import is_campaign_staff

from .. import selectors


@never_cache
@require_GET
def pending_counts(request):
    """The dashboard panels' counts, polled every 30 s (staff only)."""
    if not is_campaign_staff(request.user):
        return JsonResponse({"detail": "forbidden"}, status=403)
    return JsonResponse(selectors.pending_counts())


class PendingCountsPanel(Component):
    name = "campaigns_pending_counts"
    order = 50
    template_name = "campaigns/admin/pending_counts_panel.html"

    def get_context_data(self, parent_context=None):
        counts = selectors.pending_counts()
        return {
            "counts": counts,
            "items": [
                ("campaigns", counts["campaigns"], reverse("campaign_review:index")),
                ("spots", counts["spots"], reverse("spot_review:index")),
                (
                    "creation_requests",
                    counts["creation_requests"],
                    reverse("campaigns_all:index") + "?creative_mode=make",
                ),
            ],
            "poll_url": reverse("campaigns_pending_counts"),
        }
