"""The passages index: rebuilt whole by a django-q2 task whenever a page, a FAQ
entry, a synonym or the rate card changes (`signals.py`), never at request time.

`request_index_rebuild` coalesces the requests: many changes committed before
the task starts (a page tree published by `seed_demo`, a card saved with its
rows) make one rebuild. The flag is set after the commit that asked for it and
cleared by the task before it reads, so a change committed meanwhile is either
read by that rebuild or asks for another one."""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.queue import enqueue

from ..analysis import Analyzer
from ..models import IndexState, Passage, SynonymGroup
from ..passages import PassageData, collect

logger = logging.getLogger(__name__)

PENDING_KEY = "assistant:index-rebuild-pending"
# A lost job (broker down) blocks the next request at most this long.
PENDING_SECONDS = 600
TASK = "assistant.tasks.rebuild_index"
HEADING_WEIGHT = 2
KEYWORDS_WEIGHT = 2


def passage_terms(analyzer: Analyzer, passage: PassageData) -> str:
    """The analysed words of a passage, the heading and the FAQ wordings repeated
    so that they weigh more than the text."""
    terms = analyzer.analyse(passage.title)
    terms += analyzer.analyse(passage.heading) * HEADING_WEIGHT
    terms += analyzer.analyse(passage.keywords) * KEYWORDS_WEIGHT
    terms += analyzer.analyse(passage.text)
    return " ".join(terms)


def _truncated(value: str, field: str) -> str:
    return value[: Passage._meta.get_field(field).max_length]


@transaction.atomic
def rebuild_index(extra: list[PassageData] | None = None) -> int:
    """Rewrite every passage from the published pages, the live FAQ and the
    live card (plus `extra`, for the bench), in one transaction; returns their count."""
    analyzer = Analyzer(group.term_list() for group in SynonymGroup.objects.order_by("pk"))
    found = [*collect(), *(extra or [])]
    Passage.objects.all().delete()
    Passage.objects.bulk_create(
        [
            Passage(
                source=passage.source,
                source_key=_truncated(passage.source_key, "source_key"),
                title=_truncated(passage.title, "title"),
                heading=_truncated(passage.heading, "heading"),
                text=passage.text,
                url=_truncated(passage.url, "url"),
                position=passage.position,
                terms=passage_terms(analyzer, passage),
            )
            for passage in found
        ],
        batch_size=500,
    )
    IndexState.objects.update_or_create(
        pk=1,
        defaults={
            "generation": uuid.uuid4().hex,
            "built_at": timezone.now(),
            "passages": len(found),
        },
    )
    return len(found)


def _enqueue_once() -> None:
    try:
        first = cache.add(PENDING_KEY, True, PENDING_SECONDS)
    except Exception:  # noqa: BLE001 - no cache: every request enqueues
        logger.warning("No cache to coalesce index rebuilds", exc_info=True)
        first = True
    if first and not enqueue(TASK, task_name="assistant-index"):
        cache.delete(PENDING_KEY)


def request_index_rebuild(**kwargs) -> None:
    """Ask for a rebuild once the current transaction commits (at once outside
    one); requests made before the task starts make one rebuild. Usable as a
    signal receiver."""
    transaction.on_commit(_enqueue_once)


def clear_pending() -> None:
    try:
        cache.delete(PENDING_KEY)
    except Exception:  # noqa: BLE001 - the flag then expires by itself
        logger.warning("Could not clear the index rebuild flag", exc_info=True)
