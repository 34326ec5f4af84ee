"""Answer a question: the asker's campaigns, a price from the engine, the client
area's own pages, or the best passages of the site; never an error for odd text
(HTML, emojis, scripts are only words here), never a rebuild of the index."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from django.utils.formats import time_format
from django.utils.translation import gettext as _

from simulator.selectors import current_pricing_data

from .. import search
from ..analysis import fold, words
from ..answers import Answer
from ..intents import price_parse
from ..intents.campaigns import campaigns_answer, is_campaign_question
from ..intents.links import client_links
from ..intents.price import price_answer
from ..models import QUESTION_MAX_LENGTH, AnswerKind
from .questions import QuestionError, record_question

__all__ = ["QuestionError", "answer_question", "clean_question", "compute_answer"]

TOP = 3


def clean_question(text) -> str:
    """The question without control characters nor lone surrogates (which no
    database stores), spaces squeezed."""
    kept = []
    for ch in str(text or ""):
        category = unicodedata.category(ch)
        if category in ("Cs", "Co") or (category == "Cc" and ch not in "\n\t"):
            continue
        kept.append(ch)
    return " ".join("".join(kept).split())


def answer_question(*, text: str, user=None, record: bool = True) -> Answer:
    """The answer to `text` (stripped; empty or over QUESTION_MAX_LENGTH
    characters: QuestionError), recorded as a Question when `record`."""
    cleaned = clean_question(text)
    if not cleaned:
        raise QuestionError(_("Type your question."))
    if len(cleaned) > QUESTION_MAX_LENGTH:
        raise QuestionError(
            _("A question holds %(max)s characters at most (this one has %(count)s).")
            % {"max": QUESTION_MAX_LENGTH, "count": len(cleaned)}
        )
    loaded = search.current()
    answer = compute_answer(cleaned, user=user, loaded=loaded)
    if record:
        question = record_question(
            text=cleaned, signature=loaded.analyzer.signature(cleaned), user=user, answer=answer
        )
        answer = replace(answer, question_id=question.pk)
    return answer


def compute_answer(text: str, *, user=None, loaded=None) -> Answer:
    loaded = loaded or search.current()
    tokens = words(text)
    terms = loaded.analyzer.analyse(text)
    if is_campaign_question(tokens):
        return campaigns_answer(user)
    note = ""
    wants_price = price_parse.is_price_question(loaded.analyzer, terms)
    folded = fold(text)
    spot_airtime = price_parse.spot_length(folded) or price_parse.airings(folded)
    if (wants_price or spot_airtime) and not price_parse.names_an_offer(tokens):
        card = current_pricing_data()
        if card is not None:
            question = price_parse.read(text, card)
            asked_airtime = question.spot_length is not None or question.airings is not None
            if question.band is not None and (wants_price or asked_airtime):
                priced = price_answer(card, question)
                if priced.answer is not None:
                    return Answer(
                        kind=AnswerKind.PRICE, message=priced.message, price=priced.answer
                    )
                note = priced.message
            elif wants_price and question.hour is not None:
                note = _("No time band of the rate card airs at %(hour)s.") % {
                    "hour": time_format(question.hour, "TIME_FORMAT")
                }
            elif wants_price:
                note = _(
                    "For an exact price, say the time band or the hour (for example “at 8 pm” "
                    "or “Matinée”), the spot length and the number of airings."
                )
    passages = tuple(search.hits(loaded.index.top(terms, k=TOP)))
    links = client_links(tokens)
    if links is not None:
        message, found = links
        return Answer(kind=AnswerKind.LINKS, message=message, links=found, passages=passages)
    if passages:
        message = _("Here is what the site says about it:")
        return Answer(
            kind=AnswerKind.PASSAGES,
            message=f"{note} {message}".strip() if note else message,
            passages=passages,
        )
    return Answer(
        kind=AnswerKind.NONE,
        message=note
        or _(
            "Sorry, I found nothing about this on the site. Try other words, or talk to our "
            "team: they will answer you."
        ),
    )
