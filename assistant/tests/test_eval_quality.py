"""The evaluation set (assistant/evaluation/questions_fr.yaml) against the demo
site as `seed_demo` builds it: quality only (the speed is measured by
bench/assistant.py)."""

from __future__ import annotations

import pytest

from assistant.evaluation.scoring import evaluate, load_questions
from assistant.models import FaqEntry, IndexState, Passage

pytestmark = pytest.mark.django_db


def test_the_set_is_large_and_well_formed():
    questions = load_questions()
    assert len(questions) >= 85
    for item in questions:
        assert item["q"].strip()
        assert item.get("expect") or item.get("intent"), item
        if item.get("intent") == "price":
            assert {"length", "band", "airings"} <= set(item), item
        for key in item.get("expect") or []:
            assert key.split(":", 1)[0] in {"page", "faq", "card"}, key


def test_seed_demo_adds_the_faq_and_builds_the_index(seeded):
    assert "Assistant :" in seeded
    assert FaqEntry.objects.filter(live=True).count() >= 25
    assert IndexState.objects.get().passages == Passage.objects.count() > 50


def test_the_demo_site_answers_the_evaluation_set(seeded):
    report = evaluate()
    misses = [(o.question, o.kind, o.sources) for o in report.misses(top=3)]
    assert report.top3 >= 0.95, misses
    assert report.price_accuracy == 1.0, [
        o.question for o in report.outcomes if o.price_ok is False
    ]
    assert report.top1 >= 0.8
