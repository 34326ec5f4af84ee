"""Where the business hours come from (conversations.working_hours.business_hours):
the provider a higher app registers (the site settings), else the settings, also
when the provider fails or returns hours that count nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from conversations import working_hours
from conversations.working_hours import BusinessHours, business_hours

SATURDAY_MORNINGS = BusinessHours(days=frozenset({5}), opens=dt.time(9), closes=dt.time(12))


@pytest.fixture
def env_hours(settings):
    settings.CONVERSATION_BUSINESS_DAYS = [0, 1, 2]
    settings.CONVERSATION_BUSINESS_OPENS = "07:30"
    settings.CONVERSATION_BUSINESS_CLOSES = "15:00"
    return BusinessHours(days=frozenset({0, 1, 2}), opens=dt.time(7, 30), closes=dt.time(15))


def test_the_settings_without_a_provider(monkeypatch, env_hours):
    monkeypatch.setattr(working_hours, "_providers", [])
    assert business_hours() == env_hours


def test_the_provider_wins(monkeypatch, env_hours):
    monkeypatch.setattr(working_hours, "_providers", [])
    working_hours.register_business_hours_provider(lambda: SATURDAY_MORNINGS)
    assert business_hours() == SATURDAY_MORNINGS


def test_the_settings_when_the_provider_raises(monkeypatch, env_hours, caplog):
    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(working_hours, "_providers", [])
    working_hours.register_business_hours_provider(broken)
    assert business_hours() == env_hours
    assert "provider failed" in caplog.text


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "08:00-17:00",
        BusinessHours(days=frozenset()),
        BusinessHours(opens=dt.time(17), closes=dt.time(8)),
    ],
)
def test_the_settings_when_the_provider_has_no_usable_hours(monkeypatch, env_hours, answer):
    monkeypatch.setattr(working_hours, "_providers", [])
    working_hours.register_business_hours_provider(lambda: answer)
    assert business_hours() == env_hours


def test_registering_twice_keeps_one(monkeypatch):
    def provider():
        return SATURDAY_MORNINGS

    monkeypatch.setattr(working_hours, "_providers", [])
    working_hours.register_business_hours_provider(provider)
    working_hours.register_business_hours_provider(provider)
    assert working_hours._providers == [provider]
