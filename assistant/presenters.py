"""An `Answer` as the widget's JSON and as the plain text of a transcript (the
conversation opened by "Parler à l'équipe"). Every text stays plain: the page
escapes it, the widget sets it with textContent."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.money import fcfa

from .answers import Answer, PassageHit, PriceAnswer

MAX_PASSAGES = 3


def _passage(hit: PassageHit) -> dict:
    return {
        "source_key": hit.source_key,
        "title": hit.title,
        "heading": hit.heading,
        "excerpt": hit.excerpt,
        "url": hit.url,
    }


def _price(price: PriceAnswer | None) -> dict | None:
    if price is None:
        return None
    return {
        "spot_length": price.spot_length,
        "band_code": price.band_code,
        "band_name": price.band_name,
        "airings": price.airings,
        "total_excl_vat": price.total_excl_vat,
        "total_incl_vat": price.total_incl_vat,
        "total_excl_vat_text": fcfa(price.total_excl_vat),
        "total_incl_vat_text": fcfa(price.total_incl_vat),
        "lines": [
            {"label": line.label, "amount": line.amount, "amount_text": fcfa(line.amount)}
            for line in price.lines
        ],
        "simulator_url": price.simulator_url,
        "assumptions": list(price.assumptions),
    }


def answer_payload(answer: Answer) -> dict:
    """The JSON of POST /aide/api/question/."""
    return {
        "kind": answer.kind,
        "message": answer.message,
        "passages": [_passage(hit) for hit in answer.passages[:MAX_PASSAGES]],
        "price": _price(answer.price),
        "campaigns": [
            {"title": c.title, "status": c.status, "next_step": c.next_step, "url": c.url}
            for c in answer.campaigns
        ],
        "links": [{"label": link.label, "url": link.url} for link in answer.links],
        "question_id": answer.question_id,
    }


def answer_text(answer: Answer) -> str:
    """The answer as a few lines of plain text (the transcript)."""
    lines = [answer.message] if answer.message else []
    if answer.price is not None:
        price = answer.price
        lines.append(
            _("Total: %(incl)s incl. VAT (%(excl)s excl. VAT)")
            % {"incl": fcfa(price.total_incl_vat), "excl": fcfa(price.total_excl_vat)}
        )
        lines.extend(f"- {line.label}\u00a0: {fcfa(line.amount)}" for line in price.lines)
    for campaign in answer.campaigns:
        lines.append(
            f"- {campaign.title}\u00a0: {campaign.status} — {campaign.next_step}".rstrip(" —")
        )
    for link in answer.links:
        lines.append(f"- {link.label}\u00a0: {link.url}")
    for hit in answer.passages[:MAX_PASSAGES]:
        title = f"{hit.title} — {hit.heading}" if hit.heading else hit.title
        lines.append(f"- {title}\u00a0: {hit.url}")
    return "\n".join(lines)
