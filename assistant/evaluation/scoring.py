"""Score the assistant on the evaluation set: top-1 and top-3 hit rates, and
the price questions answered with the engine's own total for the expected
campaign. Used by bench/assistant.py and the quality test (needs PyYAML, a
development requirement: imported when the set is read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.api import compute_quote
from simulator.selectors import current_pricing_data

from ..answers import Answer
from ..intents.price import request_payload
from ..models import AnswerKind
from ..services.answering import answer_question

QUESTIONS = Path(__file__).resolve().parent / "questions_fr.yaml"


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Outcome:
    question: str
    kind: str
    sources: list[str]
    top1: bool
    top3: bool
    price_ok: bool | None = None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _rate(self, values: list[bool]) -> float:
        return round(sum(values) / len(values), 4) if values else 1.0

    @property
    def top1(self) -> float:
        return self._rate([o.top1 for o in self.outcomes])

    @property
    def top3(self) -> float:
        return self._rate([o.top3 for o in self.outcomes])

    @property
    def price_accuracy(self) -> float:
        return self._rate([o.price_ok for o in self.outcomes if o.price_ok is not None])

    def misses(self, *, top: int = 1) -> list[Outcome]:
        return [o for o in self.outcomes if not (o.top1 if top == 1 else o.top3)]


def expected_total(item: dict) -> int | None:
    card = current_pricing_data()
    payload = request_payload(
        card, spot_length=item["length"], band=item["band"], airings=item["airings"]
    )
    quote, errors, _status = compute_quote(payload, card=card)
    return None if errors else quote["total"]


def price_ok(item: dict, answer: Answer) -> bool:
    price = answer.price
    if answer.kind != AnswerKind.PRICE or price is None:
        return False
    asked = (price.spot_length, price.band_code, price.airings)
    if asked != (item["length"], item["band"], item["airings"]):
        return False
    return price.total_incl_vat == expected_total(item)


def score(item: dict, answer: Answer) -> Outcome:
    sources = [hit.source_key for hit in answer.passages]
    expected = set(item.get("expect") or [])
    intent = item.get("intent")
    outcome = Outcome(item["q"], answer.kind, sources, False, False)
    if intent == AnswerKind.PRICE:
        outcome.price_ok = price_ok(item, answer)
        outcome.top1 = outcome.top3 = outcome.price_ok
        return outcome
    by_intent = intent is not None and answer.kind == intent
    outcome.top1 = by_intent or bool(sources[:1] and sources[0] in expected)
    outcome.top3 = by_intent or bool(expected & set(sources[:3]))
    return outcome


def evaluate(questions: list[dict] | None = None, *, user=None) -> Report:
    report = Report()
    for item in questions or load_questions():
        answer = answer_question(text=item["q"], user=user, record=False)
        report.outcomes.append(score(item, answer))
    return report
