"""The live FAQ entries: question, wordings and answer as one passage."""

from __future__ import annotations

from ..models import FaqEntry, PassageSource
from .base import PassageData, html_to_text

FAQ_PAGE_PATH = "/aide/"


def faq_url(entry: FaqEntry) -> str:
    """The first link of the entry (its page or its address), else its anchor
    on the help page."""
    for block in entry.links:
        page = block.value.get("page")
        if page is not None:
            url = page.specific.get_url() if page.live else None
            if url:
                return url
        link = (block.value.get("url") or "").strip()
        if link.startswith("/") and not link.startswith("//"):
            return link
    return f"{FAQ_PAGE_PATH}#faq-{entry.key}"


def faq_passages() -> list[PassageData]:
    return [
        PassageData(
            source=PassageSource.FAQ,
            source_key=f"faq:{entry.key}",
            title=entry.question,
            heading="",
            text=html_to_text(entry.answer),
            url=faq_url(entry),
            keywords="\n".join([entry.question, *entry.variant_list()]),
        )
        for entry in FaqEntry.objects.filter(live=True).order_by("pk")
    ]
