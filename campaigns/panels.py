"""Sections that apps above campaigns add to the advertiser's campaign page.

An app registers, in its `AppConfig.ready()`, a template and a function that
returns its context for one campaign (or None to show nothing); the campaign
page renders every registered section in order (campaigns imports none of them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CampaignPanel:
    name: str
    template: str
    context: Callable[[Any], Any]


_PANELS: dict[str, CampaignPanel] = {}


def register_campaign_panel(name: str, *, template: str, context: Callable[[Any], Any]) -> None:
    """Add (or replace) the section `name`: `template` is included with the
    campaign as `campaign` and `context(campaign)` as `panel`."""
    _PANELS[name] = CampaignPanel(name=name, template=template, context=context)


def campaign_panels(campaign) -> list[dict[str, Any]]:
    """The registered sections of `campaign`'s page, each with its data."""
    return [
        {"name": panel.name, "template": panel.template, "data": panel.context(campaign)}
        for panel in _PANELS.values()
    ]
