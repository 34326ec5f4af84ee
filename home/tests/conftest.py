"""Fixtures of the public site's tests. `seeded` (the demo site that `seed_demo`
builds, built once per session) comes from the root conftest."""

import pytest

from accounts.models import Advertiser
from accounts.roles import Role

from .utils import make_user


@pytest.fixture
def commercial_admin(db):
    return make_user("commercial@example.bf", Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def advertiser_user(db):
    company = Advertiser.objects.create(name="Annonceur Test SARL")
    return make_user("client@example.bf", Role.ADVERTISER, advertiser=company)
