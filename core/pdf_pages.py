"""How `core.pdf` builds a long document without holding it in memory twice:
the story laid out as it is produced (`LazyStory`), and the canvas that writes
"Page n of N" keeping its pages compressed until N is known (`numbered_canvas`)
and writing the file object by object at save (`_streamed_format`). All write
the bytes reportlab would write without them."""

from __future__ import annotations

import types
import zlib
from collections.abc import Iterable

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFFile, PDFStream, PDFZCompress
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
    compressed rather than as text until the end. The ASCII85 step (a quarter
    bigger) is left to the saving, which applies it to one page at a time."""
    if not page.compression or not page.stream or page.Contents:
        return
    compressed = PDFZCompress.encode(page.stream)
    filters = [_Encoded(PDFZCompress.pdfname)]
    if rl_config.useA85:
        filters.insert(0, PDFBase85Encode)  # applied last, when saving
    stream = PDFStream(content=compressed, filters=filters)
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


class _StreamedFile(PDFFile):
    """reportlab's output collector, writing each part into `target` as it
    comes rather than keeping them all to join them at the end."""

    def __init__(self, pdf_version, target):
        super().__init__(pdf_version)  # the header, kept by the parent
        for part in self.strings:
            target.write(part)
        self.strings = []
        self.write = target.write

    def format(self, document):
        return b""


def _streamed_format(target):
    """`PDFDocument.format` (reportlab's own code: the objects, the xref and
    the trailer, same offsets, same bytes) with its output collector writing
    into `target`: the file is never held whole in memory besides the pages.
    The method then returns b"", which `SaveToFile` writes."""
    format_ = pdfdoc.PDFDocument.format
    names = {**format_.__globals__, "PDFFile": lambda version: _StreamedFile(version, target)}
    return types.FunctionType(format_.__code__, names, format_.__name__)


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
            if callable(getattr(self._filename, "write", None)):  # a file object
                self._doc.format = types.MethodType(_streamed_format(self._filename), self._doc)
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
