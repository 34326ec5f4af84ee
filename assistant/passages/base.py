"""A passage as extracted, and HTML turned into plain text sections."""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BREAKS = {"p", "div", "br", "ul", "ol", "blockquote", "tr", "table", "section"}


@dataclass(frozen=True)
class PassageData:
    source: str  # models.PassageSource value
    source_key: str
    title: str
    heading: str
    text: str
    url: str
    position: int = 0
    # Words weighing more than the text (a FAQ entry's question and wordings).
    keywords: str = ""


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = [[None, []]]
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in HEADINGS:
            self._heading = []
        elif tag == "li":
            self.sections[-1][1].append("\n- ")
        elif tag in BREAKS:
            self.sections[-1][1].append("\n")

    def handle_endtag(self, tag):
        if tag in HEADINGS and self._heading is not None:
            self.sections.append([" ".join("".join(self._heading).split()), []])
            self._heading = None
        elif tag in BREAKS or tag == "li":
            self.sections[-1][1].append("\n")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.sections[-1][1].append(data)


def clean_text(text: str) -> str:
    """Spaces squeezed on each line, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line and line != "-")


def html_sections(source: str) -> list[tuple[str | None, str]]:
    """[(heading or None, text)] of an HTML fragment: a heading tag inside rich
    text starts a section; None: the text before any heading."""
    parser = _Sections()
    parser.feed(source or "")
    parser.close()
    found = []
    for heading, parts in parser.sections:
        text = clean_text(html.unescape("".join(parts)))
        if heading or text:
            found.append((heading, text))
    return found


def html_to_text(source: str) -> str:
    return "\n".join(
        part for heading, text in html_sections(source) for part in (heading, text) if part
    )
