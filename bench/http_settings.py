"""Bench-only settings (bench/http_load.py): the production settings, with the
bench URLconf that adds the constant floor view in front of the portal's URLs.
Never used by the product."""

from bf1portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
