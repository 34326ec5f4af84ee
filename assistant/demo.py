"""The assistant's demo content (the FAQ of `demo_faq`, a few synonym groups),
added by `seed_demo` through `home.signals.demo_seeded`, then the index rebuilt
at once so that the demo site answers straight away. What exists is kept."""

from __future__ import annotations

from django.db import transaction

from .demo_faq import FAQ, SYNONYM_GROUPS
from .models import FaqEntry, SynonymGroup
from .services.index import rebuild_index


def faq_links(links: list[tuple[str, str]]) -> list[dict]:
    return [
        {"type": "link", "value": {"label": label, "page": None, "url": url}}
        for label, url in links
    ]


@transaction.atomic
def ensure_demo_faq() -> int:
    """Create the demo FAQ entries that are missing, published; returns how many."""
    existing = set(FaqEntry.objects.values_list("key", flat=True))
    created = 0
    for key, category, question, variants, answer, links in FAQ:
        if key in existing:
            continue
        entry = FaqEntry.objects.create(
            key=key,
            category=category,
            question=question,
            variants=variants,
            answer=answer,
            links=faq_links(links),
            live=True,
        )
        entry.save_revision().publish()
        created += 1
    return created


@transaction.atomic
def ensure_demo_synonyms() -> int:
    existing = set(SynonymGroup.objects.values_list("terms", flat=True))
    missing = [terms for terms in SYNONYM_GROUPS if terms not in existing]
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms) for terms in missing])
    return len(missing)


def ensure_demo_content() -> str:
    """FAQ and synonyms, then the index; the line `seed_demo` prints."""
    created = ensure_demo_faq()
    ensure_demo_synonyms()
    passages = rebuild_index()
    return (
        f"Assistant : {created} question(s) de la FAQ ajoutée(s), {passages} passage(s) indexé(s)."
    )
