"""The "Campaigns" menu of the Wagtail admin, by area: campaigns to review and all
campaigns (campaigns.py, their page in inspect_page.py, the team's decisions in
decisions.py, the made spot of a creation request in production.py), spots to review
(spots.py), and the dashboard's pending counts (dashboard.py). `wagtail_hooks.py`
registers them in one ViewSetGroup.

Other apps link to a campaign's admin page with `campaigns.admin.inspect_url`.
Importing this package has no side effect (django.contrib.admin's autodiscover
imports it): the viewsets are imported by `campaigns.wagtail_hooks` only."""

from .links import INSPECT_URL_NAME, inspect_url

__all__ = ["INSPECT_URL_NAME", "inspect_url"]
