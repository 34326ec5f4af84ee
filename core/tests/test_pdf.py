"""The branded document: each layout draws its band, its footer and page numbers."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from core.pdf import (
    DOCUMENT,
    LETTER,
    LISTING,
    Letterhead,
    build_pdf,
    para,
    party_lines,
    pdf_text,
    styles,
)


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _story(paragraphs: int) -> list:
    st = styles()
    return [Paragraph(para(f"Ligne {n} <é>"), st["base"]) for n in range(paragraphs)]


@pytest.mark.parametrize("layout", [DOCUMENT, LETTER, LISTING])
def test_every_layout_draws_the_letterhead(layout):
    head = Letterhead(
        title="Attestation",
        reference="REF-1",
        detail="Émise le 6 décembre",
        footer="Pied",
        layout=layout,
    )
    pages = _text(build_pdf(_story(3), head, compress=False))
    assert "BF1" in pages[0] and "Attestation" in pages[0]
    assert "Ligne 2 <é>" in pages[0]
    if layout == LISTING:
        assert "Émise le 6 décembre" in pages[0]
    else:
        assert "REF-1" in pages[0]


def test_page_numbers_count_every_page():
    head = Letterhead(title="Liste", footer="Journal", layout=LISTING, landscape=True)
    pages = _text(build_pdf(_story(200), head, compress=False))
    assert len(pages) > 1
    assert f"Page 1 of {len(pages)}" in pages[0] or f"Page 1 sur {len(pages)}" in pages[0]
    assert "BF1 · Journal" in pages[-1]


def test_into_a_target_returns_nothing():
    target = io.BytesIO()
    assert build_pdf(_story(1), Letterhead(title="X"), target=target) is None
    assert target.getvalue().startswith(b"%PDF")


def test_pdf_text_keeps_accents_and_swaps_what_helvetica_lacks():
    assert pdf_text("1\u202f000 ≤ 2 − 1 → é") == "1 000 <= 2 - 1 -> é"
    assert pdf_text("漢") == "?"


def test_a_company_shows_its_name_and_only_the_mentions_it_has():
    lines = party_lines("Sahel & Fils", ifu="00012345A", address="Avenue Kwame\n  Nkrumah")
    assert lines[0] == "<b>Sahel &amp; Fils</b>"
    assert any("00012345A" in line for line in lines)
    assert not any("RCCM" in line for line in lines)
    assert lines[-1] == "Avenue Kwame Nkrumah"
