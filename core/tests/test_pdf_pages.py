"""core/pdf_pages.py: a story laid out as it is produced, and "Page n of N"
without keeping the pages as text, both writing the bytes reportlab writes."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph

import core.pdf
from core.pdf import DOCUMENT, LISTING, LazyStory, Letterhead, build_pdf, para, styles


def _paragraphs(count: int, made: list | None = None):
    st = styles()
    for n in range(count):
        if made is not None:
            made.append(n)
        yield Paragraph(para(f"Ligne {n} <é> {'x' * (n % 40)}"), st["base"])


def _stock_numbered_canvas(draw_footer):
    """The canvas core.pdf used before: every page kept as reportlab keeps it."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


@pytest.mark.parametrize("layout", [LISTING, DOCUMENT])
@pytest.mark.parametrize("compress", [True, False])
def test_same_bytes_as_a_list_story_on_the_stock_canvas(monkeypatch, layout, compress):
    head = Letterhead(title="Passages", detail="Année", footer="Imprimé", layout=layout)
    lazy = build_pdf(LazyStory([], _paragraphs(300)), head, compress=compress)
    monkeypatch.setattr(core.pdf, "numbered_canvas", _stock_numbered_canvas)
    stock = build_pdf(list(_paragraphs(300)), head, compress=compress)
    assert lazy == stock
    assert lazy.count(b"/Type /Page\n") > 5


def test_the_story_is_produced_while_the_pages_are_laid_out(monkeypatch):
    """The first page is laid out when only its flowables (and a couple ahead)
    were made, not the whole story."""
    made: list[int] = []
    made_at_each_page: list[int] = []
    head = Letterhead(title="Passages", layout=LISTING)
    band = core.pdf._Frame.listing_band

    def listing_band(self, canvas, doc=None):
        made_at_each_page.append(len(made))
        band(self, canvas, doc)

    monkeypatch.setattr(core.pdf._Frame, "listing_band", listing_band)
    build_pdf(LazyStory([], _paragraphs(400, made)), head)
    assert len(made) == 400 and len(made_at_each_page) > 5
    assert made_at_each_page[1] < 100  # the second page starts after ~50 lines, not 400


def test_the_file_is_written_object_by_object_with_the_same_bytes(monkeypatch):
    """Saving a numbered document writes each object as it is formatted
    rather than the whole file joined in memory."""

    class Counted(io.BytesIO):
        writes = 0

        def write(self, data):
            Counted.writes += 1
            return super().write(data)

    head = Letterhead(title="Passages", detail="Année", footer="Imprimé", layout=LISTING)
    target = Counted()
    build_pdf(LazyStory([], _paragraphs(300)), head, target=target)
    assert Counted.writes > 20
    monkeypatch.setattr(core.pdf, "numbered_canvas", _stock_numbered_canvas)
    assert target.getvalue() == build_pdf(list(_paragraphs(300)), head)
