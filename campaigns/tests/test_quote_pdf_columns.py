"""The quote PDF's lines multiply: unit TTC × airings = amount TTC (decision 0012),
and a quote frozen before the card stored TTC keeps its HT columns."""

import pytest

from campaigns.quote_pdf import render_quote_pdf
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TOTALS = {"discount": {}, "vat": {"rate": 18, "amount": 1_179_000}, "total": 7_718_025}


def _pdf(lines):
    quote = {"lines": lines, "subtotal": 6_540_678, "total_excl_vat": 6_540_678, **TOTALS}
    return render_quote_pdf(CampaignFactory(), quote, frozen=True, compress=False)


def test_a_quote_priced_incl_vat_shows_lines_that_multiply():
    pdf = _pdf(
        [
            {
                "label": "Après-midi",
                "airings": 61,
                "unit_price": 107_225,
                "unit_price_incl_vat": 126_525,
                "amount_incl_vat": 7_718_025,
                "amount": 6_540_699,
            }
        ]
    )
    assert b"Prix unitaire TTC" in pdf
    assert b"Montant TTC" in pdf
    assert b"126 525" in pdf and b"7 718 025" in pdf
    assert b"107 225" not in pdf  # the HT unit (which does not multiply) is not printed


def test_a_quote_frozen_before_keeps_its_ht_columns():
    pdf = _pdf([{"label": "Matinée", "airings": 3, "unit_price": 37_983, "amount": 113_949}])
    assert b"Prix unitaire HT" in pdf
    assert b"Prix unitaire TTC" not in pdf
    assert b"37 983" in pdf
