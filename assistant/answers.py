"""What the assistant answers, as plain data shared by the page, the widget's
JSON and the tests (the engine in `assistant.services` builds it; views only
render it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PassageHit:
    source_key: str  # "page:<slug>", "faq:<key>", "card:<part>"
    title: str
    heading: str
    excerpt: str  # plain text, never HTML
    url: str
    score: float


@dataclass(frozen=True)
class PriceLine:
    label: str
    amount: int  # FCFA


@dataclass(frozen=True)
class PriceAnswer:
    spot_length: int
    band_code: str
    band_name: str
    airings: int
    total_excl_vat: int
    total_incl_vat: int
    lines: tuple[PriceLine, ...]
    simulator_url: str  # the simulator pre-filled with the same numbers ("Voir le détail")
    assumptions: tuple[str, ...] = ()  # what the question left out and was assumed


@dataclass(frozen=True)
class CampaignItem:
    title: str
    status: str  # the status's French label
    next_step: str
    url: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Answer:
    kind: str  # models.AnswerKind value
    message: str  # plain text
    passages: tuple[PassageHit, ...] = ()
    price: PriceAnswer | None = None
    campaigns: tuple[CampaignItem, ...] = ()
    links: tuple[Link, ...] = ()
    question_id: int | None = None
    extra: dict = field(default_factory=dict)
