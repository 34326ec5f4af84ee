"""How `core.pdf` builds a long document without holding it in memory twice:
the story laid out as it is produced (`LazyStory`), and the canvas that writes
"Page n of N" keeping its pages compressed until N is known (`numbered_canvas`).
Both write the bytes reportlab would write without them."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFStream, PDFZCompress
from reportlab.pdfgen import canvas as pdf_canvas


class _Encoded:
    """A stream filter whose work is already done: names itself, changes nothing."""

    def __init__(self, pdfname: str):
        self.pdfname = pdfname

    def encode(self, content):
        return content


def _encode_page_now(page) -> None:
    """Encode a page's content stream now, as reportlab would when saving the
    document (same filters, same bytes), so that the document holds each page
    compressed rather than as text until the end."""
    if not page.compression or not page.stream or page.Contents:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for step in reversed(filters):
        content = step.encode(content)
    stream = PDFStream(content=content, filters=[_Encoded(step.pdfname) for step in filters])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


def numbered_canvas(draw_footer):
    """A canvas class that knows the page count when it draws each footer:
    `draw_footer(canvas, number, total)`."""

    class NumberedCanvas(pdf_canvas.Canvas):
        """Keeps each page until the last one is known: its drawing operators
        compressed (zlib) in one string, a few KB a page. Once its footer is
        drawn, a page goes to the document already encoded (`_encode_page_now`):
        a long listing never holds its pages as text. The bytes written are
        the same as reportlab's."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            state = dict(self.__dict__)
            del state["_pages"]
            state["_code"] = zlib.compress("\n".join(self._code).encode(), 1)
            self._pages.append(state)
            self._startPage()

        def save(self):
            total = len(self._pages)
            pages, self._pages = self._pages, []
            pages.reverse()
            while pages:
                state = pages.pop()
                code = zlib.decompress(state["_code"]).decode()
                state["_code"] = [code] if code else []
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
                _encode_page_now(self._doc.Pages.pages[-1])
            super().save()

    return NumberedCanvas


class LazyStory(list):
    """A story that reportlab lays out as it is produced: `build_pdf` (like
    reportlab's `build`) consumes a story from its start, asking its length
    before each flowable, and this one takes the next flowables from `more`
    then. A long listing is thus laid out one table at a time instead of
    building every table first."""

    def __init__(self, first: Iterable = (), more: Iterable = ()):
        super().__init__(first)
        self._more = iter(more)

    def __len__(self) -> int:
        # Two ahead: reportlab looks at the next flowable (keep-with-next).
        while super().__len__() < 2:
            following = next(self._more, None)
            if following is None:
                break
            self.append(following)
        return super().__len__()
