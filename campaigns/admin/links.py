"""The admin page of a campaign, which the services' notifications, the listings
and the reports link to, and the links other apps add to it.

An app above campaigns (broadcasting: the campaign's placement) registers, in its
`AppConfig.ready()`, a link with `register_campaign_admin_link`; the campaign's
admin page and its listing rows show every registered link the user may follow
(campaigns imports none of them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.utils import quote
from django.urls import reverse

INSPECT_URL_NAME = "campaign_review:inspect"


def inspect_url(campaign_id) -> str:
    return reverse(INSPECT_URL_NAME, args=[quote(campaign_id)])


@dataclass(frozen=True)
class CampaignAdminLink:
    label: Any  # a lazy translation
    icon: str
    # (campaign, user) -> the URL, or None when the link does not apply or the
    # user may not follow it.
    url: Callable[[Any, Any], str | None]


_LINKS: dict[str, CampaignAdminLink] = {}


def register_campaign_admin_link(
    name: str, *, label, url: Callable[[Any, Any], str | None], icon: str = "link"
) -> None:
    """Add (or replace) the link `name` of a campaign's admin page."""
    _LINKS[name] = CampaignAdminLink(label=label, icon=icon, url=url)


def campaign_admin_links(campaign, user) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the registered links that apply to `campaign` for `user`."""
    links = []
    for link in _LINKS.values():
        url = link.url(campaign, user)
        if url:
            links.append((str(link.label), url, link.icon))
    return links
