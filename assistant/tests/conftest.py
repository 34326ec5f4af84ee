"""Fixtures of the assistant's tests: a small site (the demo rate card, the rate
and simulator pages, one guide with headings) and its index."""

from __future__ import annotations

import pytest

from home.demo import RATE_CARD_PAGE, SIMULATOR_PAGE
from home.demo.blocks import heading, paragraph
from home.models import GuideIndexPage, GuidePage, HomePage
from simulator.demo import ensure_demo_rate_card
from simulator.models import RateCardPage, SimulatorPage

GUIDE_BODY = [
    paragraph("<p>Un spot qui ne respecte pas ces exigences est refusé.</p>"),
    heading("Vidéo"),
    paragraph("<ul><li><b>Conteneur</b> : MP4 ou MOV.</li><li>Codec H.264.</li></ul>"),
    heading("Son"),
    paragraph(
        "<p>Niveau sonore : <b>-23 LUFS</b> &amp; crête à -1 dBTP.</p><h3>Stéréo</h3><p>48 kHz.</p>"
    ),
]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def site_pages(card):
    home = HomePage.objects.first()
    rate = publish(home, RateCardPage(**RATE_CARD_PAGE))
    simulator = publish(home, SimulatorPage(**SIMULATOR_PAGE))
    guides = publish(home, GuideIndexPage(title="Guides", slug="guides", introduction="Conseils."))
    guide = publish(
        guides,
        GuidePage(
            title="Exigences techniques",
            slug="exigences-techniques",
            summary="Fichier MP4, son à -23 LUFS.",
            body=GUIDE_BODY,
        ),
    )
    return {"rate": rate, "simulator": simulator, "guide": guide, "home": home}


@pytest.fixture
def indexed(site_pages):
    from assistant.services.index import rebuild_index

    rebuild_index()
    return site_pages
