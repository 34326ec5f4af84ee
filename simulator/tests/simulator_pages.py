"""Builds the simulator page with some teaching content, for the tests of the
page, of the numbers' consistency and of the browser journey."""

from __future__ import annotations

import json

from home.models import HomePage
from simulator.models import AdvisorPage, SimulatorPage

TEACHING = [
    {
        "type": "factor",
        "value": {
            "factor": "base_price",
            "title": "Le prix de base dépend de la durée",
            "text": "<p>Jusqu'à 30 secondes, un prix ; de 31 à 60 secondes, un autre.</p>",
            "illustration": None,
        },
    },
    {
        "type": "factor",
        "value": {
            "factor": "band",
            "title": "La tranche horaire multiplie le prix",
            "text": "<p>Plus l'audience est forte, plus le passage coûte cher.</p>",
            "illustration": None,
        },
    },
    {
        "type": "paragraph",
        "value": "<p>Les remises de volume s'appliquent au nombre total de passages.</p>",
    },
    {
        "type": "factor",
        "value": {
            "factor": "volume",
            "title": "Plus de passages, moins cher chacun",
            "text": "<p>Dès 10 passages, une remise s'applique au sous-total.</p>",
            "illustration": None,
        },
    },
]


def make_simulator_page(slug: str = "simulateur") -> SimulatorPage:
    home = HomePage.objects.first()
    page = SimulatorPage(
        title="Simulateur",
        slug=slug,
        introduction="Estimez le coût de votre campagne et comprenez chaque facteur du prix.",
        body=json.dumps(TEACHING),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_advisor_page(slug: str = "conseiller") -> AdvisorPage:
    home = HomePage.objects.first()
    page = AdvisorPage(
        title="Conseiller",
        slug=slug,
        introduction="Quatre questions, puis une campagne chiffrée avec nos tarifs du jour.",
        result_note="L'équipe commerciale confirme le placement à la réservation.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
