"""The urgency reads as an agreeing French adjective after "Urgence" (issue 13):
"Urgence : normale", never the model's bare choice label "normal", both in the
acknowledgement e-mail and in the desk's summary of a new request."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from editorial.services import intake
from notifications.models import Notification

from .factories import CoverageRequestFactory
from .intake_support import answers

pytestmark = pytest.mark.django_db


def _acknowledgement():
    (email,) = [m for m in mail.outbox if "mariam.kabore@sante.gov.bf" in m.to]
    return email


def test_the_acknowledgement_says_the_urgency_is_normale():
    intake.create_request(data=answers(urgency="normal"))
    body = _acknowledgement().body
    assert "Urgence : normale" in body
    assert "Urgence: " not in body
    assert "normal\n" not in body


def test_each_label_of_the_acknowledgement_has_a_space_before_its_colon():
    """French wants a space before ":" in the plain-text e-mail too."""
    coverage = CoverageRequestFactory.build(
        reference="COV-2026-0001", urgency="normal", offer_name="Reportage", offer_price=None
    )
    with translation.override("fr"):
        body = render_to_string(
            "editorial/public/email/acknowledgement.txt",
            {"coverage": coverage, "summary": "", "link": "", "site_url": ""},
        )
    assert "Couverture souhaitée : " in body
    assert "Urgence : normale" in body
    assert "Offre correspondante : Reportage" in body
    assert not re.search(r"\S:", body.replace("https:", "")), body


def test_the_acknowledgement_of_an_urgent_request_says_within_24_h():
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    intake.create_request(data=answers(urgency="urgent", event_date=tomorrow))
    assert "urgente (sous 24 h)" in _acknowledgement().body


def test_the_desk_summary_says_the_urgency_is_normale(editorial):
    intake.create_request(data=answers(urgency="normal"))
    notification = Notification.objects.get(recipient=editorial)
    assert "Urgence : normale." in notification.body
