"""The conversations of issue 17 on a busy base: THREADS threads and MESSAGES
messages inserted by `bulk_create` over COMPANIES advertisers, each page measured
by Django's test client (median of RUNS, one warm-up) with its query count,
first on a base of SMALL_THREADS threads (the `*_small_queries`: the count must
not grow with the rows), then on the full one.

- `threads_inbox_ms`: the staff inbox /admin/messages/ (default tab, 50 a page)
  of a commercial administrator;
- `thread_page_ms`: the advertiser's page of a thread of BIG_THREAD messages
  (/messages/<pk>/, marks the thread read); the small count is a thread of
  SMALL_THREAD messages;
- `message_fanout_ms`: the administrator assigned to a thread of PARTICIPANTS
  participants (them and 9 users of the company) posting a message through the
  thread page (POST /messages/<pk>/): saved, the 9 others notified in-app, their
  e-mail digests opened or joined (the sending scheduled, as django-q2 does in
  production), the open pages pushed over the channel layer; the whole request,
  commit callbacks included (the first post, which opens the digests, is the
  warm-up); `message_fanout_small_queries` the same on the small base.

The bench's users are deactivated at the end so that the benches run after it
on the same base notify nobody more.

Run alone: `python bench/conversations.py [--write]` (a throw-away SQLite file
unless DATABASE_URL is set; `--write` puts the figures into
bench/results/latest.json beside the others)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = 20_000
MESSAGES = 200_000
SMALL_THREADS = 200
COMPANIES = 1_000
BIG_THREAD = 200
SMALL_THREAD = 10
PARTICIPANTS = 10
RUNS = 20
FANOUT_RUNS = 20
DOMAIN = "conv-bench.bf"


class Bench:
    """The people and the special threads of the bench."""

    def __init__(self):
        self.admins: list = []
        self.companies: list[int] = []
        self.users: list = []  # one user per company (the others' threads)
        self.inserted_threads = 0
        self.inserted_messages = 0


def _people(bench: Bench) -> None:
    """5 administrators, COMPANIES advertisers with one user each, the first with
    PARTICIPANTS - 1 users (the thread of PARTICIPANTS participants)."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.models import Advertiser, BusinessSector, User
    from accounts.roles import GROUP_NAMES, Role

    sector = BusinessSector.objects.order_by("pk").first()
    advertisers = Advertiser.objects.bulk_create(
        [Advertiser(name=f"Conv bench {n}", sector=sector) for n in range(COMPANIES)],
        batch_size=500,
    )
    bench.companies = [advertiser.pk for advertiser in advertisers]
    now = timezone.now()
    staff = [
        User(email=f"admin-{n}@{DOMAIN}", first_name="Admin", last_name=str(n), is_staff=True)
        for n in range(1, 6)
    ]
    clients = [
        User(email=f"client-{n}@{DOMAIN}", advertiser=advertiser, email_confirmed_at=now)
        for n, advertiser in enumerate(advertisers)
    ]
    colleagues = [
        User(email=f"colleague-{n}@{DOMAIN}", advertiser=advertisers[0], email_confirmed_at=now)
        for n in range(1, PARTICIPANTS - 1)
    ]
    people = User.objects.bulk_create(
        [*staff, *clients, *colleagues], batch_size=500
    )  # no usable password: bulk_create leaves it empty
    bench.admins = people[:5]
    bench.users = people[5 : 5 + COMPANIES]
    membership = User.groups.through
    admin_group = Group.objects.get(name=GROUP_NAMES[Role.ADMINISTRATOR])
    client_group = Group.objects.get(name=GROUP_NAMES[Role.ADVERTISER])
    membership.objects.bulk_create(
        [membership(user_id=p.pk, group_id=admin_group.pk) for p in bench.admins]
        + [membership(user_id=p.pk, group_id=client_group.pk) for p in people[5:]],
        batch_size=500,
    )


def _threads(bench: Bench, count: int, sizes: list[int]) -> list:
    """`count` threads (the first ones with the given number of messages, the
    others sharing what is left of their share of MESSAGES) over the companies,
    in every status, half of them assigned, read or not by the administrator."""
    from django.utils import timezone

    from conversations.models import (
        Message,
        ReadMark,
        Team,
        Thread,
        ThreadKind,
        ThreadStatus,
    )

    now = timezone.now()
    kinds = [ThreadKind.QUESTION, ThreadKind.DOCUMENT, ThreadKind.QUESTION, ThreadKind.OTHER]
    statuses = [ThreadStatus.OPEN, ThreadStatus.ANSWERED, ThreadStatus.OPEN, ThreadStatus.CLOSED]
    offset = bench.inserted_threads
    threads = []
    for n in range(count):
        index = offset + n
        user = bench.users[index % len(bench.users)] if n >= len(sizes) else bench.users[0]
        status = statuses[index % len(statuses)] if n >= len(sizes) else ThreadStatus.OPEN
        threads.append(
            Thread(
                title=f"Question {index} sur la campagne",
                kind=kinds[index % len(kinds)],
                team=Team.COMMERCIAL,
                status=status,
                advertiser_id=user.advertiser_id,
                created_by=user,
                assignee=bench.admins[index % 5] if index % 2 and n >= len(sizes) else None,
                last_message_at=now - timedelta(minutes=index),
                awaiting_staff_since=now - timedelta(minutes=index)
                if status == ThreadStatus.OPEN
                else None,
                closed_at=now - timedelta(minutes=index) if status == ThreadStatus.CLOSED else None,
            )
        )
    threads = Thread.objects.bulk_create(threads, batch_size=500)
    share = round(MESSAGES * count / THREADS)
    per_thread = list(sizes)
    rest = max(share - sum(sizes), 0)
    others = count - len(sizes)
    per_thread += [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    admin = bench.admins[0]
    batch: list = []
    for thread, size in zip(threads, per_thread, strict=True):
        for m in range(size):
            staff = m % 2 == 1
            batch.append(
                Message(
                    thread=thread,
                    author=admin if staff else thread.created_by,
                    from_staff=staff,
                    body=f"Bonjour,\n\nVoici le message **{m}** de cette conversation, avec "
                    "une [référence](https://www.bf1.bf/) et une liste :\n- un point\n- un autre",
                )
            )
        if len(batch) >= 5_000:
            Message.objects.bulk_create(batch, batch_size=500)
            bench.inserted_messages += len(batch)
            batch = []
    Message.objects.bulk_create(batch, batch_size=500)
    bench.inserted_messages += len(batch)
    # Sent yesterday (bulk_create stamps them now, which the abuse limit would count).
    Message.objects.filter(thread__in=threads).update(created_at=now - timedelta(days=1))
    _denormalise(threads)
    ReadMark.objects.bulk_create(
        [
            ReadMark(thread=thread, user=admin, last_read_message_id=thread.last_message_id)
            for n, thread in enumerate(threads)
            if n % 3 == 0
        ]
        + [
            ReadMark(thread=thread, user=thread.created_by, last_read_message_id=1)
            for thread in threads
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    bench.inserted_threads += count
    return threads


def _denormalise(threads: list) -> None:
    from django.db.models import Count, Max

    from conversations.models import Message, Thread

    facts = {
        row["thread"]: row
        for row in Message.objects.filter(thread__in=[t.pk for t in threads])
        .values("thread")
        .annotate(last=Max("pk"), n=Count("pk"))
    }
    for thread in threads:
        row = facts.get(thread.pk)
        if row:
            thread.last_message_id, thread.message_count = row["last"], row["n"]
    Thread.objects.bulk_update(threads, ["last_message_id", "message_count"], batch_size=500)


def _timed(client, path: str, runs: int = RUNS) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up
    durations, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            response = client.get(path)
            durations.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 2), queries


def _fanout(bench: Bench, thread, runs: int = FANOUT_RUNS) -> tuple[float, int]:
    """Median time and queries of one POST of a message by the thread's assignee
    (commit callbacks included)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(thread.assignee)
    path = f"/messages/{thread.pk}/"
    durations, queries = [], 0
    # Delayed jobs become schedule rows, as in production (the test settings run jobs at once).
    with override_settings(Q_CLUSTER={**settings.Q_CLUSTER, "sync": False}):
        for index in range(runs + 1):
            body = {"body": f"Une précision de plus, numéro {index}."}
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                response = client.post(path, body)
                elapsed = (time.perf_counter() - began) * 1000
            assert response.status_code == 302, (path, response.status_code)
            if index:  # the first is the warm-up (it opens the digests)
                durations.append(elapsed)
                queries = len(ctx.captured_queries)
    return round(statistics.median(durations), 2), queries


def _participants(thread) -> int:
    from conversations.selectors.participants import client_side, staff_side

    return len({p.pk for p in staff_side(thread) + client_side(thread)})


def measure() -> dict[str, float | int]:
    from django.test import Client

    from accounts.models import User

    bench = Bench()
    _people(bench)
    admin = Client()
    admin.force_login(bench.admins[0])
    client = Client()
    client.force_login(bench.users[0])
    # Other programs running meanwhile slow the figures: the load says how busy it was.
    results: dict[str, float | int] = {
        "conversations_load_average_1m": round(os.getloadavg()[0], 2)
    }

    small = _threads(bench, SMALL_THREADS, [SMALL_THREAD, 2])
    _ms, results["threads_inbox_small_queries"] = _timed(admin, "/admin/messages/", runs=3)
    _ms, results["thread_page_small_queries"] = _timed(client, f"/messages/{small[0].pk}/", runs=3)
    fanout_thread = small[1]
    fanout_thread.assignee = bench.admins[0]
    fanout_thread.save(update_fields=["assignee"])
    _ms, results["message_fanout_small_queries"] = _fanout(bench, fanout_thread, runs=2)

    big = _threads(bench, THREADS - SMALL_THREADS, [BIG_THREAD])[0]
    results["threads_inbox_threads"] = bench.inserted_threads
    results["threads_inbox_messages"] = bench.inserted_messages
    results["threads_inbox_ms"], results["threads_inbox_queries"] = _timed(
        admin, "/admin/messages/"
    )
    results["thread_page_messages"] = big.messages.count()
    results["thread_page_ms"], results["thread_page_queries"] = _timed(
        client, f"/messages/{big.pk}/"
    )
    results["message_fanout_participants"] = _participants(fanout_thread)
    results["message_fanout_ms"], results["message_fanout_queries"] = _fanout(bench, fanout_thread)
    User.objects.filter(email__endswith=f"@{DOMAIN}").update(is_active=False)
    return results


def merge_into_latest(figures: dict) -> None:
    from bench.results_file import merge_into_latest as merge

    merge(figures, bench="conversations")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    began = time.perf_counter()
    figures = measure()
    figures["conversations_bench_s"] = round(time.perf_counter() - began, 1)
    if "--write" in sys.argv[1:]:
        merge_into_latest(figures)
    print(json.dumps(figures, indent=2))
    print("load average:", os.getloadavg(), file=sys.stderr)
