"""“Sources as-run”: a source's CSV column mapping edited as a form, validated,
saved in `csv_mapping` and used by the import."""

from __future__ import annotations

import pytest
from django.urls import reverse

from broadcasting.asrun.services.run import csv_mapping_of
from broadcasting.models import AsRunSource

pytestmark = pytest.mark.django_db

ADD = reverse("broadcast_asrun_sources:add")
INDEX = reverse("broadcast_asrun_sources:index")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def form(**values):
    data = {
        "name": "Régie CSV",
        "format": "csv",
        "time_zone": "Africa/Ouagadougou",
        "active": "on",
        "date": "Jour",
        "time": "Heure",
        "duration": "Durée",
        "code": "4",
        "title": "Titre",
        "date_format": "%d/%m/%Y",
        "fps": "25",
        "separator": ";",
        "encoding": "cp1252",
    }
    data.update(values)
    return data


def test_a_source_saves_its_mapping(admin_client):
    response = admin_client.post(ADD, form())
    assert response.status_code == 302
    source = AsRunSource.objects.get()
    assert source.csv_mapping == {
        "date": "Jour",
        "time": "Heure",
        "duration": "Durée",
        "code": 4,
        "title": "Titre",
        "date_format": "%d/%m/%Y",
        "separator": ";",
        "encoding": "cp1252",
        "fps": 25.0,
    }
    mapping = csv_mapping_of(source)
    assert mapping.code == 4 and mapping.separator == ";"
    html = admin_client.get(INDEX).content.decode()
    assert "Régie CSV" in html and "Jour · Heure" in html
    edit = admin_client.get(reverse("broadcast_asrun_sources:edit", args=[source.pk]))
    assert 'value="Heure"' in edit.content.decode()


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"time": ""}, "__all__", "date et d’heure"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Fuseau horaire inconnu"),
        ({"encoding": "klingon"}, "encoding", "Encodage inconnu"),
        ({"date_format": "jj/mm/aaaa"}, "date_format", "format de date"),
        ({"code": "0"}, "code", "à partir de 1"),
        ({"fps": "0"}, "fps", ""),
    ],
)
def test_a_bad_mapping_is_refused_in_french(admin_client, values, field, words):
    response = admin_client.post(ADD, form(**values))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert words in errors
    assert AsRunSource.objects.count() == 0


def test_a_source_without_mapping(admin_client):
    data = form(**dict.fromkeys(("date", "time", "duration", "code", "title"), ""))
    assert admin_client.post(ADD, data).status_code == 302
    assert AsRunSource.objects.get().csv_mapping == {}


@pytest.mark.parametrize("who", ["broadcaster", "editorial"])
def test_only_administrators(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(INDEX).status_code == 302
    assert client.post(ADD, form()).status_code == 302
    assert AsRunSource.objects.count() == 0
