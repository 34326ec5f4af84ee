"""The published public pages, split into passages: the introduction fields,
then each heading with the paragraphs that follow it (headings inside rich text
count too; a simulator teaching block is a passage of its own, with its anchor)."""

from __future__ import annotations

from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..models import PassageSource
from .base import PassageData, clean_text, html_sections, html_to_text

INTRO_FIELDS = ("hero_title", "hero_text", "offer_title", "introduction", "summary")
MAX_TEXT = 4000


def _html(value) -> str:
    if isinstance(value, RichText):
        return value.source
    return str(value or "")


class _Builder:
    def __init__(self, page: Page, url: str):
        self.page = page
        self.url = url
        self.sections: list[list] = [["", [], ""]]  # heading, texts, anchor

    def text(self, text: str) -> None:
        if text:
            self.sections[-1][1].append(text)

    def heading(self, heading: str, anchor: str = "") -> None:
        self.sections.append([heading, [], anchor])

    def rich(self, source: str) -> None:
        for heading, text in html_sections(source):
            if heading:
                self.heading(heading)
            self.text(text)

    def block(self, block) -> None:
        kind, value = block.block_type, block.value
        if kind == "heading":
            self.heading(str(value.get("text", "")))
        elif kind == "paragraph":
            self.rich(_html(value))
        elif kind == "factor":
            self.heading(str(value.get("title", "")), anchor=f"teach-{block.id}")
            self.text(html_to_text(_html(value.get("text"))))
        elif kind == "call_to_action":
            self.text(clean_text(f"{value.get('title', '')}\n{value.get('text', '')}"))
        elif kind == "video":
            self.text(str(value.get("caption") or ""))

    def passages(self, start: int) -> list[PassageData]:
        found = []
        for heading, texts, anchor in self.sections:
            text = "\n".join(texts)[:MAX_TEXT]
            if not text and not heading:
                continue
            found.append(
                PassageData(
                    source=PassageSource.PAGE,
                    source_key=f"page:{self.page.slug}",
                    title=self.page.title,
                    heading=heading,
                    text=text or heading,
                    url=f"{self.url}#{anchor}" if anchor else self.url,
                    position=start + len(found),
                )
            )
        return found


def page_passages_of(page: Page) -> list[PassageData]:
    url = page.get_url()
    if not url:
        return []
    builder = _Builder(page, url)
    for name in INTRO_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str | RichText):
            builder.rich(_html(value))
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for block in getattr(page, field.name):
                builder.block(block)
    return builder.passages(0)


def page_passages() -> list[PassageData]:
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()
    return [passage for page in pages for passage in page_passages_of(page)]
