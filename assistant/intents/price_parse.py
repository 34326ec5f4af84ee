"""Reading a price question: the spot length, the number of airings and the time
band (by an hour, by the band's name, by “JT”/“journal”, or by a word of the
day such as “matin”), against the live card's bands."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from simulator.pricing import Band, RateCardData

from ..analysis import Analyzer, fold, stem, words
from ..lexicon import STOPWORDS

NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "cinquante": 50,
    "cent": 100,
}
_NUMBER = r"(\d{1,4}|" + "|".join(NUMBER_WORDS) + r")"
_AIRING_WORDS = (
    r"(?:spots?|passages?|diffusions?|fois|pubs?|annonces?|publicites?|airings?|messages?)"
)
_LENGTH = re.compile(r"\b(\d{1,3})\s*(?:s|sec|secs|secondes?|seconds?|\"|'')(?![a-z])")
_LENGTH_MINUTES = re.compile(r"\b(\d)\s*(?:min|mins|mn|minutes?)\b")
_LENGTH_AFTER_NOUN = re.compile(
    r"\b(?:spot|pub|annonce|publicite|message|video)s?\s+(?:de\s+)?(\d{1,3})\b(?!\s*(?:h\b|heures?|"
    + _AIRING_WORDS
    + r"|x\b))"
)
_AIRINGS = re.compile(r"\b(\d{1,4})\s*(?:x\s*)?" + _AIRING_WORDS + r"\b")
_AIRINGS_IN_WORDS = re.compile(r"\b" + _NUMBER + r"\s+" + _AIRING_WORDS + r"\b")
_TIMES = re.compile(r"(?:\bx\s*(\d{1,4})\b|\b(\d{1,4})\s*x\b)")
_HOUR = re.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?(?![0-9])|\b(\d{1,2}):(\d{2})\b")
# Words of the day -> an hour, resolved against the card's bands.
DAY_WORDS = {
    "matin": time(8, 0),
    "matinee": time(8, 0),
    "midi": time(13, 0),
    "aprem": time(15, 0),
    "soir": time(20, 0),
    "soiree": time(20, 0),
    "nuit": time(23, 0),
    "prime": time(20, 0),
}
# Products of the catalogue other than a spot: their price is on the rate page.
OFFER_WORDS = {
    "publireportage",
    "publireportages",
    "defilant",
    "defilants",
    "pad",
    "emission",
    "emissions",
    "direct",
    "decrochage",
    "clip",
    "clips",
    "reseaux",
    "facebook",
    "couverture",
    "reportage",
    "petite",
    "petites",
}
NEWS_WORDS = {"jt", "journal", "journaux", "info", "infos", "informations", "news"}


@dataclass
class PriceQuestion:
    spot_length: int | None = None
    airings: int | None = None
    band: Band | None = None
    hour: time | None = None  # the hour asked, when a band was looked up by it
    assumed_band: str = ""  # why this band was taken when several could be meant
    notes: list[str] = field(default_factory=list)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def spot_length(folded: str) -> int | None:
    if match := _LENGTH.search(folded):
        return int(match.group(1))
    if match := _LENGTH_MINUTES.search(folded):
        return int(match.group(1)) * 60
    if match := _LENGTH_AFTER_NOUN.search(folded):
        return int(match.group(1))
    return None


def airings(folded: str) -> int | None:
    if match := _AIRINGS.search(folded):
        return _number(match.group(1))
    if match := _TIMES.search(folded):
        return int(match.group(1) or match.group(2))
    if match := _AIRINGS_IN_WORDS.search(folded):
        return _number(match.group(1))
    return None


def hour(folded: str) -> time | None:
    for match in _HOUR.finditer(folded):
        hours = int(match.group(1) or match.group(3))
        minutes = int(match.group(2) or match.group(4) or 0)
        if hours <= 23 and minutes <= 59:
            return time(hours, minutes)
    return None


def band_at(card: RateCardData, moment: time) -> Band | None:
    for band in card.bands:
        if not band.active:
            continue
        if band.crosses_midnight:
            if moment >= band.start or moment < band.end:
                return band
        elif band.start <= moment < band.end:
            return band
    return None


def _name_stems(text: str) -> set[str]:
    plain = re.sub(r"\(.*?\)", " ", text)
    return {stem(word) for word in words(plain) if word not in STOPWORDS and not word.isdigit()}


def band_by_name(card: RateCardData, stems: set[str]) -> Band | None:
    best, size = None, 0
    for band in card.bands:
        if not band.active:
            continue
        for name in (band.name, band.code.replace("-", " ")):
            needed = _name_stems(name)
            if needed and needed <= stems and len(needed) > size:
                best, size = band, len(needed)
    return best


def news_bands(card: RateCardData) -> list[Band]:
    return [
        band
        for band in card.bands
        if band.active and NEWS_WORDS & set(words(band.name + " " + band.teaching_text))
    ]


def read(text: str, card: RateCardData) -> PriceQuestion:
    folded = fold(text)
    tokens = words(text)
    stems = {stem(token) for token in tokens}
    found = PriceQuestion(spot_length=spot_length(folded), airings=airings(folded))
    asked = hour(folded)
    if asked is not None:
        found.hour = asked
        found.band = band_at(card, asked)
        return found
    found.band = band_by_name(card, stems)
    if found.band is not None:
        return found
    if NEWS_WORDS & set(tokens):
        candidates = news_bands(card)
        if candidates:
            found.band = max(candidates, key=lambda band: (band.start, band.code))
            if len(candidates) > 1:
                found.assumed_band = found.band.name
            return found
    for word in tokens:
        if word in DAY_WORDS:
            found.band = band_at(card, DAY_WORDS[word])
            if found.band is not None:
                return found
    return found


def is_price_question(analyzer: Analyzer, terms: list[str]) -> bool:
    return analyzer.term("prix") in terms


def names_an_offer(tokens: list[str]) -> bool:
    """“Combien coûte un publireportage au JT ?” is not the price of a spot."""
    return bool(OFFER_WORDS & set(tokens))
