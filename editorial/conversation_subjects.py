"""The coverage request as a subject of a conversation (conversations.subjects),
registered by EditorialConfig.ready(): the requester asks, the newsroom answers."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, has_role
from conversations.models import Team
from conversations.subjects import SubjectKind, register_subject

from .models import CoverageRequest
from .selectors.requester import may_follow


def _coverage(pk: int):
    return CoverageRequest.objects.filter(pk=pk).first()


def may_discuss_coverage(user, coverage) -> bool:
    return has_role(user, Role.EDITORIAL, Role.ADMINISTRATOR) or may_follow(user, coverage)


def _staff_url(coverage) -> str:
    try:
        return reverse("editorial_requests:inspect", args=[coverage.pk])
    except NoReverseMatch:
        return ""


def register() -> None:
    register_subject(
        SubjectKind(
            key="coverage",
            label=_("Coverage request"),
            team=Team.NEWSROOM,
            resolve=_coverage,
            describe=str,
            advertiser_id=lambda coverage: coverage.advertiser_id,
            client_url=lambda coverage: coverage.get_absolute_url(),
            staff_url=_staff_url,
            may_discuss=may_discuss_coverage,
            ask_label=_("Ask a question about this request"),
        )
    )
