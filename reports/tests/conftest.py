"""Fixtures of the reports tests: the broadcasting ones (breaks, approved
campaigns, airings placed straight in a break) and the personas of the root
conftest."""

from broadcasting.tests.conftest import PRICES, airing_in, approved_campaign, card, make_breaks

__all__ = ["PRICES", "airing_in", "approved_campaign", "card", "make_breaks"]
