"""BM25 over the passages, in plain Python, in the process.

The passages and their analysed words are written by the index task
(`services.index.rebuild_index`); a search only reads them. The process keeps
the index it built from them and its generation (`IndexState`): one small query
per search tells whether a rebuild happened since, and only then are the
passages read again. Deterministic: equal scores are ordered by passage order."""

from __future__ import annotations

import difflib
import math
import threading
from collections import Counter
from dataclasses import dataclass, field

from .analysis import Analyzer
from .answers import PassageHit

K1 = 1.5
B = 0.75
# Below this score a passage is not shown (the question shares too little with it).
MIN_SCORE = 1.2
FUZZY_CUTOFF = 0.8
FUZZY_MIN_LENGTH = 4
EXCERPT_CHARS = 320


@dataclass(frozen=True)
class Doc:
    source_key: str
    title: str
    heading: str
    text: str
    url: str


@dataclass
class BM25Index:
    """Postings of analysed terms; `docs[i]` has `lengths[i]` terms."""

    docs: list[Doc]
    terms: list[list[str]]
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)
    average: float = 1.0
    _fuzzy: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for position, doc_terms in enumerate(self.terms):
            self.lengths.append(len(doc_terms))
            for term, count in Counter(doc_terms).items():
                self.postings.setdefault(term, []).append((position, count))
        total = len(self.docs)
        self.average = (sum(self.lengths) / total) if total else 1.0
        for term, posting in self.postings.items():
            df = len(posting)
            self.idf[term] = math.log(1 + (total - df + 0.5) / (df + 0.5))
        self._vocabulary = sorted(self.postings)

    def resolve(self, term: str) -> str | None:
        """The term itself when indexed, else the closest indexed term (a typo:
        “atest” -> “attest”), else None."""
        if term in self.postings:
            return term
        if len(term) < FUZZY_MIN_LENGTH or term.isdigit():
            return None
        if term not in self._fuzzy:
            if len(self._fuzzy) > 5000:
                self._fuzzy.clear()
            close = difflib.get_close_matches(term, self._vocabulary, n=1, cutoff=FUZZY_CUTOFF)
            self._fuzzy[term] = close[0] if close else None
        return self._fuzzy[term]

    def scores(self, query: list[str], *, allowed=None) -> dict[int, float]:
        found: dict[int, float] = {}
        seen: set[str] = set()
        for raw in query:
            term = self.resolve(raw)
            if term is None or term in seen:
                continue
            seen.add(term)
            idf = self.idf[term]
            for position, count in self.postings[term]:
                if allowed is not None and not allowed(self.docs[position]):
                    continue
                norm = K1 * (1 - B + B * self.lengths[position] / self.average)
                found[position] = found.get(position, 0.0) + idf * count * (K1 + 1) / (count + norm)
        return found

    def top(self, query: list[str], *, k: int = 3, allowed=None, minimum: float = MIN_SCORE):
        """The best passage of each of the k best sources, [(doc, score)]."""
        ranked = sorted(self.scores(query, allowed=allowed).items(), key=lambda i: (-i[1], i[0]))
        best: list[tuple[Doc, float]] = []
        sources: set[str] = set()
        for position, score in ranked:
            if score < minimum or len(best) >= k:
                break
            doc = self.docs[position]
            if doc.source_key in sources:
                continue
            sources.add(doc.source_key)
            best.append((doc, score))
        return best


@dataclass
class Loaded:
    generation: str | None
    index: BM25Index
    analyzer: Analyzer


_lock = threading.Lock()
_loaded: Loaded | None = None


def _load(generation: str | None) -> Loaded:
    from .models import Passage, SynonymGroup

    rows = list(
        Passage.objects.order_by("pk").values_list(
            "source_key", "title", "heading", "text", "url", "terms"
        )
    )
    docs = [Doc(*row[:5]) for row in rows]
    terms = [row[5].split() for row in rows]
    groups = [group.term_list() for group in SynonymGroup.objects.order_by("pk")]
    return Loaded(generation, BM25Index(docs, terms), Analyzer(groups))


def current() -> Loaded:
    """The index of the passages as last rebuilt (reloaded when it changed)."""
    global _loaded
    from .models import IndexState

    generation = IndexState.objects.filter(pk=1).values_list("generation", flat=True).first()
    loaded = _loaded
    if loaded is not None and loaded.generation == generation:
        return loaded
    with _lock:
        if _loaded is None or _loaded.generation != generation:
            _loaded = _load(generation)
        return _loaded


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def hits(found: list[tuple[Doc, float]]) -> list[PassageHit]:
    return [
        PassageHit(
            source_key=doc.source_key,
            title=doc.title,
            heading=doc.heading,
            excerpt=excerpt(doc.text),
            url=doc.url,
            score=round(score, 3),
        )
        for doc, score in found
    ]


def search(text: str, *, k: int = 3) -> list[PassageHit]:
    """The k best passages for `text`, one per source, best first."""
    loaded = current()
    return hits(loaded.index.top(loaded.analyzer.analyse(text), k=k))
