"""Markdown-lite: the few marks a message may use, rendered safely.

Paragraphs (a blank line), line breaks, bullet lists ("- " or "* "), numbered
lists ("1. ", renumbered from 1), **bold**, *italic*, links ([text](https://...) or a bare
http(s) address; http, https and mailto only, with rel="nofollow noopener").
Everything else is escaped: the text is escaped first and only these marks are
turned into tags, so no HTML of the author ever reaches the page."""

from __future__ import annotations

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)|(https?://[^\s<>\"']{1,2000})")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,4}[.)]\s+(.*)$")
_TRAILING = ".,;:!?)"


def _emphasis(text: str) -> str:
    """Bold and italic on already escaped text."""
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def _anchor(url: str, label: str) -> str | None:
    """An <a> to `url` (escaped text) when its scheme is allowed, else None."""
    plain = html.unescape(url).strip()
    if not plain.lower().startswith(ALLOWED_SCHEMES):
        return None
    return (
        f'<a href="{escape(plain)}" rel="nofollow noopener" target="_blank" '
        f'class="link break-words">{label}</a>'
    )


def _inline(line: str) -> str:
    """One line: escape, then links, bold and italic."""
    escaped = escape(line)
    parts, position = [], 0
    for match in _LINK.finditer(escaped):
        parts.append(_emphasis(escaped[position : match.start()]))
        label, url, bare = match.group(1), match.group(2), match.group(3)
        tail = ""
        if bare:
            while bare and bare[-1] in _TRAILING:
                tail = bare[-1] + tail
                bare = bare[:-1]
            url, label = bare, bare
        anchor = _anchor(url, label if bare else _emphasis(label))
        parts.append(
            (anchor if anchor else match.group(0)[: len(match.group(0)) - len(tail)]) + tail
        )
        position = match.end()
    parts.append(_emphasis(escaped[position:]))
    return "".join(parts)


def _block(lines: list[str]) -> str:
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_BULLET.match(line).group(1))}</li>" for line in lines)
        return f'<ul class="list-disc pl-5">{items}</ul>'
    if all(_NUMBERED.match(line) for line in lines):
        # The numbers are written out: the site's CSS resets the list markers.
        items = "".join(
            f"<li>{number}. {_inline(_NUMBERED.match(line).group(1))}</li>"
            for number, line in enumerate(lines, start=1)
        )
        return f"<ol>{items}</ol>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def render(text: str | None) -> SafeString:
    """The HTML of a message written in Markdown-lite."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return mark_safe("".join(_block(lines) for lines in blocks))  # noqa: S308 - escaped above
