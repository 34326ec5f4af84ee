"""The admin page of a campaign, which the services' notifications, the listings
and the reports link to."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.urls import reverse

INSPECT_URL_NAME = "campaign_review:inspect"


def inspect_url(campaign_id) -> str:
    return reverse(INSPECT_URL_NAME, args=[quote(campaign_id)])
