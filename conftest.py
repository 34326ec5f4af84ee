"""Fixtures shared by every test suite: one user per persona of the portal, the
station's clock, the demo site built once, and the Hypothesis profile.

advertiser_a and advertiser_b belong to two different client companies, so that a
test can show one never reaches the other's objects."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from accounts.roles import Role
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    UserFactory,
)

# --- Hypothesis: no test depends on the speed of the machine ------------------------
# "bf1" (the default): no deadline, the same examples at every run (derandomized),
# no health check that measures time, and the blob to replay a failure printed.
# HYPOTHESIS_PROFILE=explore: random examples, more of them, to hunt for new bugs.
hypothesis_settings.register_profile(
    "bf1",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "explore",
    deadline=None,
    max_examples=1000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bf1"))

# --- The station's clock ----------------------------------------------------------------
# Every test (the browser journeys aside: the browser keeps its own clock) starts
# on a Wednesday at 10:00 in Ouagadougou, mid-month: far from midnight, from the
# 05:00 start of the broadcast day, from a weekend and from a month's end. The
# clock then ticks, so that timeouts and expiries still see time pass. A test
# moves it further with the `time_machine` fixture (`time_machine.shift(...)`)
# or sets its own moment with `@pytest.mark.time_machine(...)`. The session
# starts on that day too (in each xdist worker), so that the dates computed while
# the test modules are collected (parametrize arguments) agree with the tests'.
# Only the clock of Python moves: files keep their real times (a test that ages a
# file with os.utime works, as the station's day is in the past).
STATION_NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Africa/Ouagadougou"))
_SESSION_CLOCK = pytest.StashKey[time_machine.travel]()


def _is_xdist_controller(config) -> bool:
    return bool(getattr(config.option, "numprocesses", 0)) and not hasattr(config, "workerinput")


def pytest_configure(config):
    if not _is_xdist_controller(config):
        traveller = time_machine.travel(STATION_NOW, tick=True)
        traveller.start()
        config.stash[_SESSION_CLOCK] = traveller


def _leave_the_station_clock(config) -> None:
    traveller = config.stash.get(_SESSION_CLOCK, None)
    if traveller is not None:
        del config.stash[_SESSION_CLOCK]
        traveller.stop()


def pytest_unconfigure(config):
    _leave_the_station_clock(config)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language (French): a request of an
    earlier test in the same process (an English page, a language switch) leaves
    its language active in the thread, and the order of tests on a worker varies."""
    translation.deactivate_all()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def station_clock(request):
    """The clock at STATION_NOW (ticking) and an empty cache (the throttle's
    one-minute windows and every cached read start afresh in each test)."""
    if request.node.get_closest_marker("e2e"):
        yield None
        return
    machine = request.getfixturevalue("time_machine")
    if not request.node.get_closest_marker("time_machine"):
        machine.move_to(STATION_NOW, tick=True)
    cache.clear()
    yield machine
    cache.clear()


# --- The demo site, built once per session ---------------------------------------------
SEEDED = "seeded"
_SEEDED_DATABASE = pytest.StashKey["SeededDatabase"]()


class SeededDatabase:
    """The demo site that `seed_demo` builds, built once and kept in an open
    transaction while the tests that ask for it (fixture `seeded`) run one after
    the other: each of them runs in a savepoint inside it (pytest-django's own
    transaction), so what a test changes is undone before the next. Before a test
    that did not ask for it, the whole is rolled back: no other test sees it."""

    def __init__(self, blocker):
        self._blocker = blocker
        self._atomic = None
        self.output = ""
        self.builds = 0

    @property
    def is_open(self) -> bool:
        return self._atomic is not None

    def open(self) -> None:
        if self._atomic is not None:
            return
        from home.tests.utils import run_seed

        with self._blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                with override_settings(DEBUG=True), time_machine.travel(STATION_NOW, tick=True):
                    self.output = run_seed()
            except BaseException:
                self.close()
                raise
        self.builds += 1

    def close(self) -> None:
        if self._atomic is None:
            return
        atomic, self._atomic = self._atomic, None
        with self._blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        cache.clear()  # nothing cached from the demo site outlives it


@pytest.fixture(scope="session")
def seeded_database(request, django_db_setup, django_db_blocker):
    database = SeededDatabase(django_db_blocker)
    request.config.stash[_SEEDED_DATABASE] = database
    database.open()
    yield database
    database.close()
    del request.config.stash[_SEEDED_DATABASE]


@pytest.fixture
def seeded(seeded_database, db):
    """The demo site, as `python manage.py seed_demo` builds it (its output)."""
    assert seeded_database.is_open
    return seeded_database.output


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The browser journeys (collected last) run on the real clock, their session
    fixtures (live server, browser) included. Build the demo site again for a test
    that asks for it after tests that did not (the session fixture only builds it
    the first time)."""
    if item.get_closest_marker("e2e"):
        _leave_the_station_clock(item.config)
    database = item.config.stash.get(_SEEDED_DATABASE, None)
    if database is not None and SEEDED in item.fixturenames:
        database.open()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        database = item.config.stash.get(_SEEDED_DATABASE, None)
        if database is not None and (nextitem is None or SEEDED not in nextitem.fixturenames):
            database.close()


# --- Personas -----------------------------------------------------------------------------

PERSONAS = [
    "anonymous",
    "advertiser_a",
    "advertiser_b",
    "broadcaster",
    "editorial",
    "administrator",
    "accountant",
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
def accountant(db):
    """An accountant: the "Comptable" group (billing only), staff."""
    return UserFactory(email="compta@bf1.bf", roles=[Role.ACCOUNTANT], is_staff=True)


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


# --- Collection -------------------------------------------------------------------------


def _is_transactional(item) -> bool:
    return any(m.kwargs.get("transaction") for m in item.iter_markers("django_db"))


def _hypothesis_deadline(item):
    settings = getattr(getattr(item, "obj", None), "_hypothesis_internal_use_settings", None)
    return getattr(settings, "deadline", None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Transactional tests must restore the migrations' rows (roles, sectors, the
    Wagtail root page and site) when they are done: a plain transactional test
    flushes them, and its flush re-creates content types that then collide with
    the next serialized restore. Declare `serialized_rollback=True` with
    `transaction=True`. No Hypothesis test may set a deadline.

    The tests on the demo site (fixture `seeded`) run one after the other, where
    the first of them was collected, so that it is built once; under xdist they
    stay together on one worker (group "seeded", `--dist loadgroup`). They cannot
    be transactional: they run inside the demo site's transaction."""
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
    timed = sorted({item.nodeid.split("[")[0] for item in items if _hypothesis_deadline(item)})
    if timed:
        raise pytest.UsageError(
            "No test may depend on the speed of the machine: remove the Hypothesis "
            "deadline of " + ", ".join(timed)
        )
    on_demo_site = [item for item in items if SEEDED in getattr(item, "fixturenames", ())]
    transactional = [item.nodeid for item in on_demo_site if _is_transactional(item)]
    if transactional:
        raise pytest.UsageError(
            "The fixture `seeded` runs inside a transaction; it cannot serve "
            "transactional tests: " + ", ".join(transactional)
        )
    if not on_demo_site:
        return
    for item in on_demo_site:
        item.add_marker(pytest.mark.xdist_group(SEEDED))
    first = items.index(on_demo_site[0])
    grouped = set(map(id, on_demo_site))
    others = [item for item in items if id(item) not in grouped]
    items[:] = others[:first] + on_demo_site + others[first:]
