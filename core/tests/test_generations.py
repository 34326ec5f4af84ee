"""Values cached until their generation is bumped (core/generations.py)."""

from unittest import mock

import pytest
from django.db import transaction

from core.generations import Generation


def test_a_value_is_built_once_until_the_generation_is_bumped():
    generation = Generation("test-values")
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert generation.cached("k", build) == 1
    assert generation.cached("k", build) == 1
    generation.bump()
    assert generation.cached("k", build) == 2


@pytest.mark.django_db
def test_a_bump_inside_a_transaction_is_repeated_at_commit(django_capture_on_commit_callbacks):
    generation = Generation("test-commit")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        generation.bump()
        # A request reading the old rows caches them under the token of now...
        generation.cached("k", lambda: "old rows")
    # ...which the commit replaces.
    assert generation.cached("k", lambda: "new rows") == "new rows"


def test_a_dead_cache_builds_every_time():
    generation = Generation("test-dead")
    with mock.patch("core.generations.cache") as dead:
        dead.get.side_effect = ConnectionError("down")
        dead.set.side_effect = ConnectionError("down")
        assert generation.cached("k", lambda: 1) == 1
        assert generation.cached("k", lambda: 2) == 2
        generation.bump()  # no error
