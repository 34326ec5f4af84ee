"""The interface is French by default, whatever the browser asks; English only
when the visitor picks it."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_french_even_when_the_browser_prefers_english(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    assert "Mot de passe" in response.content.decode()


def test_english_when_chosen_with_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/login/")
    assert response.headers["Content-Language"] == "en"
    assert "Password" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = client.get("/login/")
    assert response.headers["Content-Language"] == "fr"
