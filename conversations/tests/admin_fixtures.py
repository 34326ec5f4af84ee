"""Shared by the admin tests of the conversations: one thread of each shape and
a broadcaster given access to the admin. Plain functions: each test module
makes its fixtures of them (`shapes = pytest.fixture(make_shapes)`)."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from conversations.models import Team, ThreadKind
from conversations.tests.factories import ThreadFactory, with_message


def give_admin_access(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return type(user).objects.get(pk=user.pk)


def make_admin_broadcaster(broadcaster):
    """A broadcaster who may open the Wagtail admin (not the default)."""
    return give_admin_access(broadcaster)


def make_shapes(advertiser_a, advertiser_b, broadcaster):
    question = ThreadFactory(created_by=advertiser_a, title="Question A")
    with_message(question)
    other = ThreadFactory(created_by=advertiser_b, title="Question B")
    with_message(other)
    coverage = ThreadFactory(created_by=advertiser_a, team=Team.NEWSROOM, title="Couverture A")
    with_message(coverage)
    invoice = ThreadFactory(created_by=advertiser_a, team=Team.BILLING, title="Facture A")
    with_message(invoice)
    problem = ThreadFactory(
        created_by=broadcaster,
        advertiser=advertiser_a.advertiser,
        advertiser_visible=False,
        kind=ThreadKind.PROBLEM,
        problem_type="bad_sound",
        title="Son absent",
    )
    with_message(problem, from_staff=True)
    return {
        "question": question,
        "other": other,
        "coverage": coverage,
        "invoice": invoice,
        "problem": problem,
    }
