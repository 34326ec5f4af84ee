"""Fixtures shared by every test suite: one user per persona of the portal.

advertiser_a and advertiser_b belong to two different client companies, so that a
test can show one never reaches the other's objects."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    UserFactory,
)

PERSONAS = [
    "anonymous",
    "advertiser_a",
    "advertiser_b",
    "broadcaster",
    "editorial",
    "administrator",
]


@pytest.fixture
def password() -> str:
    """The password every factory-made user signs in with."""
    return DEFAULT_PASSWORD


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def advertiser_a(db):
    company = AdvertiserFactory(name="Sahel Boissons SA")
    return AdvertiserUserFactory(email="awa.ouedraogo@sahel-boissons.bf", advertiser=company)


@pytest.fixture
def advertiser_b(db):
    company = AdvertiserFactory(name="Faso Télécom SARL")
    return AdvertiserUserFactory(email="ibrahim.sawadogo@faso-telecom.bf", advertiser=company)


@pytest.fixture
def broadcaster(db):
    return UserFactory(email="diffusion@bf1.bf", roles=[Role.BROADCASTER])


@pytest.fixture
def editorial(db):
    return UserFactory(email="redaction@bf1.bf", roles=[Role.EDITORIAL])


@pytest.fixture
def administrator(db):
    """A commercial administrator: the "Administrateur commercial" group, staff,
    not a superuser (the group's permissions come from the roles migration)."""
    return UserFactory(email="commercial@bf1.bf", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@bf1.bf", is_staff=True, is_superuser=True)


@pytest.fixture
def persona(request):
    """Look a persona up by name: `persona("advertiser_a")`; None for anonymous."""

    def get(name: str):
        return request.getfixturevalue(name)

    return get


@pytest.fixture
def client_as(client, persona):
    """A test client signed in as the named persona (left anonymous for "anonymous")."""

    def sign_in(name: str):
        user = persona(name)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


def pytest_collection_modifyitems(config, items):
    """Transactional tests must restore the migrations' rows (roles, sectors, the
    Wagtail root page and site) when they are done: a plain transactional test
    flushes them, and its flush re-creates content types that then collide with
    the next serialized restore. Declare `serialized_rollback=True` with
    `transaction=True`."""
    offenders = []
    for item in items:
        for marker in item.iter_markers("django_db"):
            if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
                offenders.append(item.nodeid)
                break
    if offenders:
        raise pytest.UsageError(
            "Use @pytest.mark.django_db(transaction=True, serialized_rollback=True) in: "
            + ", ".join(sorted(set(offenders)))
        )
