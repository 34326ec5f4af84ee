"""The badges of an airing on the planning dashboard and in its exports."""

from __future__ import annotations

from django.utils.translation import gettext as _

# Badge keys of an airing, in the order a broadcaster reads them.
PLANNED = "planned"
AIRED = "aired"
MISSED = "missed"
MAKE_GOOD = "make_good"


def badge_label(badge: str) -> str:
    """The badge's word, as the advertiser's calendar says it: prévue, diffusée,
    manquée, rattrapage."""
    return {
        PLANNED: _("planned"),
        AIRED: _("aired"),
        MISSED: _("missed"),
        MAKE_GOOD: _("make-good"),
    }[badge]
