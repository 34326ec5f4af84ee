"""The credit stop: a company over its credit limit or with an invoice overdue
beyond the delay cannot submit a new campaign; the advertiser sees why on the
wizard's last step; the commercial team's override lets it through."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.conf import billing_settings
from billing.tests.test_selectors_ageing import issued_invoice
from campaigns.exceptions import CampaignError
from campaigns.guards import register_submission_guard, submission_refusal
from campaigns.models import Status
from campaigns.services.drafts import submit
from campaigns.tests.factories import CampaignFactory
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


def overdue_invoice(company):
    delay = billing_settings().credit_stop_overdue_days
    return issued_invoice(
        company, amount=50_000, due=timezone.localdate() - dt.timedelta(delay + 5)
    )


def submit_step(client, campaign):
    return client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        {"step": "4", "accept_terms": "on"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def test_billing_registers_its_guard():
    from billing.selectors.balances import submission_guard

    assert register_submission_guard(submission_guard) is submission_guard
    from campaigns import guards

    assert guards._guards.count(submission_guard) == 1


def test_the_advertiser_sees_why_the_campaign_is_held(client, advertiser_a, card):
    invoice = overdue_invoice(advertiser_a.advertiser)
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    response = submit_step(client, campaign)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any(invoice.number in error for error in errors)
    assert invoice.number in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT and not campaign.is_quote_frozen


def test_the_credit_limit_counts_the_new_campaigns_quote(advertiser_a, card):
    company = advertiser_a.advertiser
    company.credit_limit = 1_000
    company.save()
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(CampaignError) as refused:
        submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "1\u202f000" in refused.value.message
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT


def test_the_override_lets_the_campaign_through(client, advertiser_a, card):
    company = advertiser_a.advertiser
    overdue_invoice(company)
    company.credit_limit = 1
    company.credit_override = True
    company.credit_override_reason = "Client historique, paiement promis"
    company.save()
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    response = submit_step(client, campaign)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED


def test_a_company_in_good_standing_is_not_stopped(advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    assert submission_refusal(advertiser_a.advertiser, campaign) is None
    submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
