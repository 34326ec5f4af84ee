"""The rate card as a PDF: the “Télécharger la grille (PDF)” link of the rate page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from reportlab import rl_config
from wagtail.models import Site

from core.pdf import pdf_text
from home.models import ContactSettings, HomePage
from simulator.demo import ensure_demo_rate_card
from simulator.models import Offer, RateCardPage
from simulator.pdf import render_rate_card_pdf
from simulator.views.rate import current_display

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def card():
    card, _created = ensure_demo_rate_card()
    return card


@pytest.fixture
def rate_page():
    home = HomePage.objects.first()
    page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    page.save_revision().publish()
    return page


@pytest.fixture
def uncompressed(monkeypatch):
    """Page streams left uncompressed, so that the text can be read in the bytes."""
    monkeypatch.setattr(rl_config, "pageCompression", 0)


def page_count(content: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", content))


def test_pdf_download_is_an_a4_attachment(client, card, rate_page):
    response = client.get(rate_page.url + "grille-pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="grille-tarifaire-bf1-2025-01-01.pdf"'
    )
    content = response.content
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert len(content) > 2048
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in content  # A4


def test_pdf_holds_the_card_prices_offers_and_contact(client, card, rate_page, uncompressed):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "+22625000000"
    contact.email = "regie@bf1.bf"
    contact.address = "Ouaga 2000\nOuagadougou"
    contact.save()

    content = client.get(rate_page.url + "grille-pdf/").content

    assert page_count(content) >= 2
    assert b"(BF1) Tj" in content
    assert b"(Grille tarifaire BF1 2025) Tj" in content
    # Prices incl. VAT in bold and excl. VAT beside them, thousands with a plain space.
    for figure in (b"103 545", b"87 750", b"115 050", b"97 500", b"44 870", b"38 025"):
        assert figure in content, figure
    assert b"1 590 000" in content  # décrochage d'antenne
    assert b"35 400" in content  # cultural rate and classifieds
    assert b"\xe2\x80\xaf" not in content  # no narrow no-break space left
    # Accented names drawn in Helvetica's WinAnsi encoding (é = \351).
    assert b"(Matin\\351e) Tj" in content
    assert b"\\311mission sp\\351ciale en studio" in content
    # Volume tiers and the VAT rate.
    assert b"- 5 %" in content and b"- 15 %" in content
    assert b"18 %" in content
    # Footer: “Page n of N” and the contact settings on every page.
    total = page_count(content)
    for number in range(1, total + 1):
        assert re.search(rb"\(Page %d \S+ %d\) Tj" % (number, total), content), number
    assert content.count(b"+22625000000") == page_count(content)
    assert b"regie@bf1.bf" in content
    assert b"Ouaga 2000 Ouagadougou" in content


def test_pdf_grows_a_page_when_the_catalogue_grows(card, uncompressed):
    before = page_count(render_rate_card_pdf(current_display()))
    Offer.objects.bulk_create(
        Offer(
            rate_card=card,
            code=f"extra-{number}",
            category=Offer.Category.SOCIAL,
            name=f"Offre supplémentaire {number}",
            unit="par publication",
            price=10_000,
            sort_order=100 + number,
        )
        for number in range(40)
    )

    content = render_rate_card_pdf(current_display())

    assert page_count(content) > before
    assert b"Offre suppl\\351mentaire 39" in content


def test_pdf_is_not_found_without_a_card(client, rate_page):
    assert client.get(rate_page.url + "grille-pdf/").status_code == 404


def test_pdf_text_keeps_accents_and_replaces_what_helvetica_cannot_draw():
    assert pdf_text("103\u202f545\u00a0FCFA") == "103 545\u00a0FCFA"
    assert pdf_text("Matinée, Émission, à, ç, l’écran – «\u00a0ok\u00a0»") == (
        "Matinée, Émission, à, ç, l’écran – «\u00a0ok\u00a0»"
    )
    assert pdf_text("−5 % ≤ 30 s ≥ 60 s") == "-5 % <= 30 s >= 60 s"
    assert pdf_text("Őrség ☃") == "Orség ?"  # base letter, else a question mark
