"""“Où en est ma campagne ?”: the asker's company's campaigns only, with their
status and next step; a visitor is asked to log in."""

from __future__ import annotations

import pytest

from assistant.analysis import words
from assistant.intents.campaigns import is_campaign_question
from assistant.models import AnswerKind
from assistant.services.answering import answer_question
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("où en est ma campagne ?", True),
        ("statut campagne", True),
        ("suivi de mes campagnes", True),
        ("ma campagne", True),
        ("comment réserver une campagne", False),
        ("modifier ma campagne", False),
        ("combien de temps pour valider ma campagne", False),
        ("format vidéo", False),
    ],
)
def test_which_questions_are_about_the_askers_campaigns(text, expected):
    assert is_campaign_question(words(text)) is expected


def test_an_advertiser_sees_only_the_campaigns_of_their_company(advertiser_a, advertiser_b):
    mine = CampaignFactory(user=advertiser_a, title="Bissap de Noël", status=Status.SUBMITTED)
    CampaignFactory(user=advertiser_b, title="Forfait Faso Télécom", status=Status.SUBMITTED)
    answer = answer_question(text="où en est ma campagne ?", user=advertiser_a, record=False)
    assert answer.kind == AnswerKind.CAMPAIGNS
    assert [item.title for item in answer.campaigns] == ["Bissap de Noël"]
    (item,) = answer.campaigns
    assert item.url == mine.get_absolute_url()
    assert item.status == "soumise" or item.status  # the status's label
    assert item.next_step
    other = answer_question(text="statut de mes campagnes", user=advertiser_b, record=False)
    assert [item.title for item in other.campaigns] == ["Forfait Faso Télécom"]


def test_finished_campaigns_are_shown_when_none_is_open(advertiser_a):
    CampaignFactory(user=advertiser_a, title="Ancienne", status=Status.FINISHED)
    answer = answer_question(text="statut campagne", user=advertiser_a, record=False)
    assert [item.title for item in answer.campaigns] == ["Ancienne"]


def test_no_campaign_yet_offers_to_book(advertiser_a):
    answer = answer_question(text="statut campagne", user=advertiser_a, record=False)
    assert answer.campaigns == ()
    assert any(link.url == "/campaigns/create/" for link in answer.links)


def test_a_visitor_is_asked_to_log_in(advertiser_a):
    CampaignFactory(user=advertiser_a)
    answer = answer_question(text="où en est ma campagne", user=None, record=False)
    assert answer.kind == AnswerKind.CAMPAIGNS
    assert answer.campaigns == ()
    assert answer.links[0].url.startswith("/login/")


def test_staff_without_company_see_no_campaign(administrator, advertiser_a):
    CampaignFactory(user=advertiser_a)
    answer = answer_question(text="où en est ma campagne", user=administrator, record=False)
    assert answer.campaigns == ()
