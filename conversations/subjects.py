"""What a thread can be about: each domain app registers its kinds of subject in
its `AppConfig.ready()` (conversations imports no domain app).

A `SubjectKind` says how to find the object from its primary key, how to name
it, which advertiser it belongs to, where it is shown to the client and to the
staff, which team answers about it and whether a user may discuss it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SubjectKind:
    key: str  # "campaign", "spot", "airing", "coverage", "invoice"
    label: Any  # a lazy translation, e.g. _("Campaign")
    team: str  # models.Team value
    resolve: Callable[[int], Any]  # pk -> object or None
    describe: Callable[[Any], str]  # object -> label frozen on the thread
    advertiser_id: Callable[[Any], int | None]
    client_url: Callable[[Any], str]
    staff_url: Callable[[Any], str]
    may_discuss: Callable[[Any, Any], bool]  # (user, object) -> bool
    # "Poser une question sur cette campagne": the panel's call to action.
    ask_label: Any = None
    allows_video: bool = False  # video attachments accepted (spot and airing subjects)


_KINDS: dict[str, SubjectKind] = {}


def register_subject(kind: SubjectKind) -> None:
    """Add (or replace) a kind of subject. Registering twice is harmless."""
    _KINDS[kind.key] = kind


def subject_kind(key: str | None) -> SubjectKind | None:
    return _KINDS.get(key or "")


def subject_kinds() -> list[SubjectKind]:
    return list(_KINDS.values())


def parse_subject(value: str | None) -> tuple[str, int] | None:
    """("campaign", 12) from "campaign:12"; None when malformed or unknown."""
    if not value or ":" not in value:
        return None
    key, _sep, raw_id = value.partition(":")
    if subject_kind(key) is None or not raw_id.isdigit() or len(raw_id) > 18:
        return None
    return key, int(raw_id)


def resolve_subject(key: str, subject_id: int):
    """The object of a registered kind, or None."""
    kind = subject_kind(key)
    if kind is None:
        return None
    try:
        return kind.resolve(subject_id)
    except (ValueError, TypeError, OverflowError):
        return None
