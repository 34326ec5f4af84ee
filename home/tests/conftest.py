import pytest

from accounts.models import Advertiser
from accounts.roles import Role

from .utils import make_user, run_seed


@pytest.fixture
def seeded(db, settings):
    """The demo site, as `python manage.py seed_demo` builds it."""
    settings.DEBUG = True
    output = run_seed()
    settings.DEBUG = False
    return output


@pytest.fixture
def commercial_admin(db):
    return make_user("commercial@example.bf", Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def advertiser_user(db):
    company = Advertiser.objects.create(name="Annonceur Test SARL")
    return make_user("client@example.bf", Role.ADVERTISER, advertiser=company)
