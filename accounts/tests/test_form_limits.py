"""Rate limits of the password reset (per client address and per e-mail address),
the French 429 page, and the limit letting everything through when the cache
fails (issue 12)."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


def reset(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def assert_429_page(response):
    assert response.status_code == 429
    assert response.templates[0].name == "429.html"
    page = response.content.decode()
    assert "Trop de demandes" in page
    assert "vous pourrez réessayer dans" in page
    assert int(response["Retry-After"]) >= 1


def test_one_address_gets_five_resets_then_a_429(client, advertiser_a):
    for number in range(4):
        assert reset(client, f"personne{number}@inconnu.bf")["Location"] == DONE
    assert reset(client, advertiser_a.email)["Location"] == DONE
    assert len(mail.outbox) == 1

    response = reset(client, advertiser_a.email.upper())

    assert_429_page(response)
    assert len(mail.outbox) == 1  # nothing sent past the budget
    # Another connection is not held back.
    assert reset(client, advertiser_a.email, address="198.51.100.20")["Location"] == DONE
    assert len(mail.outbox) == 2


def test_one_email_gets_three_resets_an_hour_whatever_the_connection(client, advertiser_a):
    for number in range(3):
        response = reset(client, advertiser_a.email, address=f"198.51.100.{number}")
        assert response["Location"] == DONE
    assert len(mail.outbox) == 3

    response = reset(client, f"  {advertiser_a.email.upper()}", address="198.51.100.99")

    assert_429_page(response)
    assert len(mail.outbox) == 3
    # Another address from that connection still passes.
    assert reset(client, "personne@inconnu.bf", address="198.51.100.99")["Location"] == DONE


def test_an_invalid_form_costs_nothing(client, advertiser_a):
    for _attempt in range(8):
        assert reset(client, "pas-une-adresse").status_code == 200
    assert reset(client, advertiser_a.email)["Location"] == DONE


def test_the_budgets_come_from_the_settings(client, settings, advertiser_a):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = 0  # no limit
    settings.PASSWORD_RESET_RATE_PER_EMAIL = 1
    assert reset(client, advertiser_a.email)["Location"] == DONE
    assert reset(client, advertiser_a.email).status_code == 429
    for number in range(10):
        assert reset(client, f"personne{number}@inconnu.bf")["Location"] == DONE


def test_the_limit_fails_open_when_the_cache_fails(client, advertiser_a, monkeypatch):
    from core import throttle

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle, "record_hit", broken)
    for _attempt in range(8):
        assert reset(client, advertiser_a.email)["Location"] == DONE
    assert len(mail.outbox) == 8


def test_the_429_page_says_when_to_try_again(client, settings, advertiser_a):
    from accounts.ratelimit import seconds_until_next_window

    settings.PASSWORD_RESET_RATE_PER_ADDRESS = 1
    reset(client, advertiser_a.email)
    response = reset(client, advertiser_a.email)

    wait = int(response["Retry-After"])
    assert 1 <= wait <= 600
    assert abs(wait - seconds_until_next_window(600)) <= 2
    page = response.content.decode()
    minutes = -(-wait // 60)
    assert f"réessayer dans {minutes} minute" in page
