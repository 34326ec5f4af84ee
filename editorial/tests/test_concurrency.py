"""Two assignments of the same person at overlapping times can never both
succeed (PostgreSQL: the crew member's row is locked before the overlap check;
SQLite serialises writers anyway, so these tests are skipped there).

Run them with:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bf1_ed_conc \
        .venv/bin/python -m pytest editorial/tests/test_concurrency.py

Eight threads, each with its own database connection, released together by a
barrier, try to put one journalist on eight missions that all overlap: exactly
one wins, the others are refused naming the mission that won."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection, connections

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from editorial.exceptions import EditorialError
from editorial.models import Assignment, CrewRole, Mission
from editorial.services import missions
from editorial.tests.desk_fixtures import accepted_mission, make_member, make_vehicle

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def in_parallel(calls):
    """Run each call in its own thread (own connection), all released at once
    by a barrier; returns "won" or the message of the EditorialError, per call."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)

    def run(index, call):
        try:
            connection.ensure_connection()  # connect first: all start together
            barrier.wait(timeout=30)
            call()
            outcomes[index] = "won"
        except EditorialError as exc:
            outcomes[index] = f"lost: {exc.message}"
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture
def slow_checks():
    """Widen the race: each check of a member's or vehicle's bookings takes
    0.2 s more, so that without the row lock every thread would check before
    any had written (and all would win)."""
    real_member = missions._member_problems
    real_vehicle = missions.overlapping_vehicle_missions

    def slow(real):
        def wrapper(*args, **kwargs):
            found = real(*args, **kwargs)
            time.sleep(0.2)
            return found

        return wrapper

    with (
        mock.patch.object(missions, "_member_problems", slow(real_member)),
        mock.patch.object(missions, "overlapping_vehicle_missions", slow(real_vehicle)),
    ):
        yield


@pytest.fixture
def desk_user():
    return UserFactory(email="redaction.concurrence@bf1.bf", roles=[Role.EDITORIAL])


def test_one_person_is_never_booked_twice_at_once(desk_user, slow_checks):
    journalist = make_member("Awa Sawadogo", CrewRole.JOURNALIST)
    overlapping = [
        accepted_mission(
            desk_user, title=f"Événement {i}", start=f"{9 + i % 3:02d}:00", end="13:00"
        )
        for i in range(THREADS)
    ]

    def assign(mission_id):
        return lambda: missions.assign(
            mission=Mission.objects.get(pk=mission_id),
            member=journalist,
            role=CrewRole.JOURNALIST,
            actor=desk_user,
        )

    outcomes = in_parallel([assign(m.pk) for m in overlapping])

    assert outcomes.count("won") == 1, outcomes
    (winner,) = Assignment.objects.filter(member=journalist, is_active=True)
    reference = winner.mission.request.reference
    for outcome in outcomes:
        if outcome != "won":
            assert outcome.startswith("lost: ") and reference in outcome, outcome


def test_different_people_are_all_booked(desk_user, slow_checks):
    crew = [make_member(f"Membre {i}", CrewRole.CAMERA) for i in range(THREADS)]
    mission = accepted_mission(desk_user)

    def assign(member):
        return lambda: missions.assign(
            mission=Mission.objects.get(pk=mission.pk),
            member=member,
            role=CrewRole.CAMERA,
            actor=desk_user,
        )

    outcomes = in_parallel([assign(m) for m in crew])

    assert outcomes == ["won"] * THREADS
    assert Assignment.objects.filter(mission=mission, is_active=True).count() == THREADS


def test_one_vehicle_is_never_on_two_missions_at_once(desk_user, slow_checks):
    vehicle = make_vehicle()
    overlapping = [accepted_mission(desk_user, title=f"Événement {i}") for i in range(THREADS)]

    def book(mission_id):
        def call():
            mission = Mission.objects.get(pk=mission_id)
            missions.update_mission(
                mission=mission,
                actor=desk_user,
                starts_at=mission.starts_at,
                ends_at=mission.ends_at,
                travel_minutes=mission.travel_minutes,
                vehicle=vehicle,
            )

        return call

    outcomes = in_parallel([book(m.pk) for m in overlapping])

    assert outcomes.count("won") == 1, outcomes
    assert Mission.objects.filter(vehicle=vehicle).count() == 1
