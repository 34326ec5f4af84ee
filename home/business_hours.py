"""The station's business hours as edited in the site settings (ContactSettings
of the default site), handed to conversations.working_hours by HomeConfig.ready()
so that the conversation reminders count in them. Read fresh on each call (not
the page cache of `ContactSettings.for_request`), without writing: no settings
row yet, or no default site, means None and the settings' hours apply."""

from __future__ import annotations

from wagtail.models import Site

from conversations.working_hours import OUAGADOUGOU, BusinessHours

from .models import ContactSettings


def site_business_hours() -> BusinessHours | None:
    site = Site.objects.filter(is_default_site=True).only("pk").first()
    if site is None:
        return None
    row = (
        ContactSettings.objects.filter(site=site)
        .only("business_days", "business_opens", "business_closes")
        .first()
    )
    if row is None:
        return None
    return BusinessHours(
        days=frozenset(int(day) for day in row.business_days or ()),
        opens=row.business_opens,
        closes=row.business_closes,
        tz=OUAGADOUGOU,
    )
