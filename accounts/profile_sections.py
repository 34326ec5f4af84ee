"""Sections that other apps add to /profile/ (a tab and its panel), registered
from their `AppConfig.ready()`: accounts imports no app above it.

The notifications app adds its "Notifications" tab (the e-mail switches) this way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    key: str  # the tab's and the panel's id (`tab-<key>`, `panel-<key>`), the URL hash
    label: str  # the tab's label (lazy translation)
    icon: str  # the Font Awesome icon of the tab, e.g. "fa-bell"
    template: str  # the panel's content, rendered with the profile's context
    context: Callable[..., dict]  # context(user) -> what the template needs


_SECTIONS: dict[str, ProfileSection] = {}


def register_profile_section(section: ProfileSection) -> None:
    """Add `section` after the profile's own tabs (registering a key again
    replaces it)."""
    _SECTIONS[section.key] = section


def profile_sections() -> list[ProfileSection]:
    """The registered sections, in the order they were registered."""
    return list(_SECTIONS.values())
