"""French text analysis, the same on SQLite and PostgreSQL (pure Python): lower
case, accents folded, split into words, SMS shortcuts and English words
rewritten, short expressions joined, stop words dropped, Snowball French stems
(PyStemmer), and synonyms mapped to one word per group.

The index (`services.index`) and the search analyse with the same `Analyzer`
(built from the built-in lexicon and the editors' `SynonymGroup` rows), so a
question and a passage meet on the same words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

from . import lexicon

_WORD = re.compile(r"[a-z]+|[0-9]+")
_STEMMER = Stemmer.Stemmer("french")
MAX_PHRASE = 4
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """Lower case, accents removed: “Publicité à 20 h” -> “publicite a 20 h”."""
    text = (text or "").lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words, shortcuts rewritten (“cb” -> “combien”), stop words
    kept: what the intents read."""
    found: list[str] = []
    for token in _WORD.findall(fold(text)):
        found.extend(lexicon.SHORTCUTS.get(token, token).split())
    return found


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Snowball French stem, a plural “s” dropped first (“videos” and
    “video” meet, which Snowball alone does not do)."""
    if len(word) > 3 and word.endswith("s") and not word.isdigit():
        word = word[:-1]
    return _STEMMER.stemWord(word)


class Analyzer:
    """Turns a text into its index terms. `groups` are extra synonym groups
    (lists of words or expressions), added to the built-in ones."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()):
        self.canonical: dict[str, str] = {}  # stem -> the group's term
        self.phrases: dict[tuple[str, ...], str] = {}  # stems of an expression -> term
        for group in (*lexicon.SYNONYMS, *groups):
            self._add_group(list(group))

    def _add_group(self, group: list[str]) -> None:
        keys = [self._stems(word) for word in group]
        keys = [key for key in keys if key]
        if not keys:
            return
        # A group that shares a word with a known group joins it.
        term = "_".join(keys[0])
        for key in keys:
            known = self.phrases.get(key) if len(key) > 1 else self.canonical.get(key[0])
            if known:
                term = known
                break
        for key in keys:
            if len(key) == 1:
                self.canonical.setdefault(key[0], term)
            elif len(key) <= MAX_PHRASE:
                self.phrases.setdefault(key, term)

    @staticmethod
    def _stems(text: str) -> tuple[str, ...]:
        return tuple(stem(word) for word in words(text))

    def analyse(self, text: str) -> list[str]:
        """The terms of `text`, in order (repeated words kept)."""
        tokens = words(text)
        stems = [stem(token) for token in tokens]
        terms: list[str] = []
        i = 0
        count = len(tokens)
        while i < count:
            matched = False
            if self.phrases:
                for size in range(min(MAX_PHRASE, count - i), 1, -1):
                    term = self.phrases.get(tuple(stems[i : i + size]))
                    if term is not None:
                        terms.append(term)
                        i += size
                        matched = True
                        break
            if matched:
                continue
            token = tokens[i]
            if token not in lexicon.STOPWORDS and (len(token) > 1 or token.isdigit()):
                terms.append(self.canonical.get(stems[i], stems[i]))
            i += 1
        return terms

    def term(self, word: str) -> str:
        """The term of one word (for the intents: “tarif” -> the price term)."""
        found = self.analyse(word)
        return found[0] if found else ""

    def signature(self, text: str) -> str:
        """The distinct terms sorted: questions with the same words share it."""
        return " ".join(sorted(set(self.analyse(text))))


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The analyser of the built-in lexicon alone (no database)."""
    return Analyzer()
