"""The help assistant of issue 18 on the demo site's content (the guides, the
rate and simulator pages, the 2025 rate card, the assistant's demo FAQ) plus
filler passages standing for a larger site, PASSAGES indexed in all:

- `assistant_top1_hit_rate` / `assistant_top3_hit_rate`: the questions of
  assistant/evaluation/questions_fr.yaml whose expected source is the first
  passage shown / among the three shown (or whose answer is the expected intent);
- `assistant_price_intent_accuracy`: the price questions answered with the
  expected campaign and the pricing engine's own total for it;
- `assistant_p95_ms`: the 95th percentile of `answer_question` (not recorded)
  over every question, RUNS times each after a warm-up; `assistant_search_p95_ms`
  the search alone;
- `assistant_passages`: the passages indexed.

Run alone: `python bench/assistant.py [--write]` (a throw-away SQLite file
unless DATABASE_URL is set; `--write` puts the figures into
bench/results/latest.json beside the others)."""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = 500
RUNS = 5

# Filler pages: what a larger station site holds besides advertising (programmes,
# news desk, the station), written from these words so that they share some of
# the vocabulary of the questions without answering them.
SHOWS = [
    "Le Journal du soir",
    "Matin Faso",
    "Sport Week-end",
    "Culture et Patrimoine",
    "Santé Plus",
    "Agri Hebdo",
    "Les Enfants d'abord",
    "Débat Citoyen",
    "Musique Live",
    "Cinéma du Sahel",
]
SENTENCES = [
    "L'émission {show} est présentée chaque {day} par une équipe de la rédaction.",
    "Les invités de {show} parlent de {topic} avec des experts du pays.",
    "Retrouvez les reportages de {show} sur {topic} en rediffusion le {day}.",
    "La rédaction prépare un numéro spécial consacré à {topic}.",
    "Nos journalistes se rendent dans les régions pour raconter {topic}.",
    "Le programme de la semaine laisse une large place à {topic}.",
    "Les téléspectateurs peuvent réagir par téléphone pendant {show}.",
    "Un concours permet de gagner des places pour le tournage de {show}.",
    "Les archives de {show} racontent vingt ans de {topic}.",
    "Le plateau de {show} accueille des artistes et des sportifs.",
]
TOPICS = [
    "l'agriculture",
    "la saison des pluies",
    "le football local",
    "les festivals",
    "l'éducation",
    "la santé des enfants",
    "l'artisanat",
    "les marchés de Ouagadougou",
    "la musique mandingue",
    "le cinéma africain",
    "l'élevage",
    "les nouvelles technologies",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def filler(count: int) -> list:
    from assistant.models import PassageSource
    from assistant.passages import PassageData

    rng = random.Random(18)
    found = []
    for number in range(count):
        show = SHOWS[number % len(SHOWS)]
        page = number // 6
        words = {"show": show, "topic": rng.choice(TOPICS), "day": rng.choice(DAYS)}
        text = " ".join(
            rng.choice(SENTENCES).format(**{**words, "topic": rng.choice(TOPICS)}) for _ in range(5)
        )
        found.append(
            PassageData(
                source=PassageSource.PAGE,
                source_key=f"page:programme-{page}",
                title=f"{show} — numéro {page}",
                heading=f"{words['topic'].capitalize()} ({words['day']})",
                text=text,
                url=f"/programmes/{page}/",
                position=number % 6,
            )
        )
    return found


def seed() -> int:
    """The demo content the assistant answers from (as seed_demo builds it,
    without the accounts and the activity), then the index with the filler."""
    from assistant.demo import ensure_demo_faq, ensure_demo_synonyms
    from assistant.passages import collect
    from assistant.services.index import rebuild_index
    from home.management.commands.seed_demo import Command
    from home.models import HomePage
    from simulator.demo import ensure_demo_rate_card

    ensure_demo_rate_card()
    command = Command()
    command.created_pages = 0
    home = HomePage.objects.first()
    command._default_site(home)
    command._fill_home(home)
    command._guides(home)
    command._about(home)
    command._contact(home)
    command._simulator_pages(home)
    ensure_demo_faq()
    ensure_demo_synonyms()
    real = len(collect())
    return rebuild_index(extra=filler(max(PASSAGES - real, 0)))


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[18], 2)


def measure() -> dict[str, float | int]:
    from assistant import search
    from assistant.evaluation.scoring import evaluate, load_questions
    from assistant.services.answering import answer_question

    passages = seed()
    questions = load_questions()
    report = evaluate(questions)
    answer_ms, search_ms = [], []
    for item in questions:  # warm-up
        answer_question(text=item["q"], record=False)
    for _ in range(RUNS):
        for item in questions:
            start = time.perf_counter()
            answer_question(text=item["q"], record=False)
            answer_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            search.search(item["q"])
            search_ms.append((time.perf_counter() - start) * 1000)
    return {
        "assistant_passages": passages,
        "assistant_questions": len(questions),
        "assistant_top1_hit_rate": report.top1,
        "assistant_top3_hit_rate": report.top3,
        "assistant_price_intent_accuracy": report.price_accuracy,
        "assistant_p95_ms": _p95(answer_ms),
        "assistant_search_p95_ms": _p95(search_ms),
        "assistant_median_ms": round(statistics.median(answer_ms), 2),
    }


def measure_safely() -> dict[str, float | int | str]:
    """`measure`, or `assistant_error` when it fails (bench/run.py exits 1)."""
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - reported, and the run exits with 1
        traceback.print_exc()
        return {"assistant_error": f"{type(exc).__name__}: {exc}"[:500]}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import logging

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    logging.disable(logging.WARNING)  # the task runner's lines for each page published
    figures = measure()
    if "--write" in sys.argv[1:]:
        from bench.results_file import merge_into_latest

        merge_into_latest(figures, bench="assistant")  # with the machine's load average
    print(json.dumps(figures, indent=2))
