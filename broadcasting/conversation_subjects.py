"""The airing as a subject of a conversation (conversations.subjects), registered by
BroadcastingConfig.ready(): the advertiser asks about one of its airings, a
broadcaster reports a problem with one (wrong file, bad sound...)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, has_role
from conversations.models import Team
from conversations.subjects import SubjectKind, register_subject

from .models import Airing


def _airing(pk: int):
    return Airing.objects.select_related("campaign", "break_slot").filter(pk=pk).first()


def may_discuss_airing(user, airing) -> bool:
    if has_role(user, Role.ADMINISTRATOR, Role.BROADCASTER):
        return True
    return bool(
        airing.advertiser_id
        and getattr(user, "advertiser_id", None) == airing.advertiser_id
        and has_role(user, Role.ADVERTISER)
    )


def describe_airing(airing) -> str:
    starts = timezone.localtime(airing.break_slot.starts_at)
    return _("%(campaign)s, airing of %(date)s at %(time)s") % {
        "campaign": airing.campaign.title,
        "date": f"{starts:%d/%m/%Y}",
        "time": f"{starts:%H:%M}",
    }


def _url(name: str, query: str = "") -> str:
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return ""


def register() -> None:
    register_subject(
        SubjectKind(
            key="airing",
            label=_("Airing"),
            team=Team.COMMERCIAL,
            resolve=_airing,
            describe=describe_airing,
            advertiser_id=lambda airing: airing.advertiser_id,
            client_url=lambda airing: _url("broadcasts:calendar"),
            staff_url=lambda airing: _url(
                "broadcast_airings:index", f"?campaign={airing.campaign_id}"
            ),
            may_discuss=may_discuss_airing,
            ask_label=_("Ask a question about this airing"),
            allows_video=True,
        )
    )
