"""French content of the demo site built by `python manage.py seed_demo`.

This is page content (what an editor would type in the Wagtail admin), so it is
written in French directly rather than through gettext. `guides` holds the
guides, `pages` every other page and the contact details, `blocks` the helpers
that write StreamField blocks."""

from .guides import GUIDE_INDEX, GUIDES
from .pages import (
    ABOUT,
    CONTACT,
    CONTACT_SETTINGS,
    HOME,
    RATE_CARD_PAGE,
    SIMULATOR_PAGE,
)

__all__ = [
    "ABOUT",
    "CONTACT",
    "CONTACT_SETTINGS",
    "GUIDES",
    "GUIDE_INDEX",
    "HOME",
    "RATE_CARD_PAGE",
    "SIMULATOR_PAGE",
]
