"""Who hears of changes to the running order: the advertiser of the campaign
(kind "airing"), the administrators for what needs them (a missed airing and its
make-good to accept), and every open planning dashboard (live)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.selectors import active_users_of_advertiser, active_users_with_role
from notifications.kinds import NotificationKind
from notifications.services import notify

from ..realtime import schedule_days_broadcast


def _send(users, *, title: str, body: str, url: str) -> None:
    seen = set()
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            notify(recipient=user, kind=NotificationKind.AIRING, title=title, body=body, url=url)


def _tell_client(campaign, *, title: str, body: str) -> None:
    """Notify the campaign's advertiser users, linking to the campaign."""
    _send(
        active_users_of_advertiser(campaign.advertiser),
        title=title,
        body=body,
        url=campaign.get_absolute_url(),
    )


def notify_placed(campaign, result, *, days) -> None:
    schedule_days_broadcast(days)
    if not result.placed and not result.unplaced:
        return
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Campaign “%(title)s”: airings scheduled") % {"title": campaign.title}
        body = _("%(placed)s airings are in the running order.") % {"placed": result.placed}
        if result.unplaced:
            body += " " + _(
                "%(unplaced)s could not be placed yet: the commercial team is handling them."
            ) % {"unplaced": result.unplaced}
        _tell_client(campaign, title=title, body=body)
        if result.unplaced:
            _send(
                active_users_with_role(Role.ADMINISTRATOR),
                title=_("Unplaced airings: “%(title)s”") % {"title": campaign.title},
                body=_("%(unplaced)s airings could not be placed by the scheduler.")
                % {"unplaced": result.unplaced},
                url="/admin/broadcasting/unplaced/",
            )


def notify_airings_changed(airings, *, reason: str, moved_from=None) -> None:
    days = {a.break_slot.day for a in airings}
    if moved_from is not None:
        days.add(moved_from.day)
    schedule_days_broadcast(days)
    by_campaign = defaultdict(list)
    for airing in airings:
        by_campaign[airing.campaign_id].append(airing)
    with translation.override(settings.LANGUAGE_CODE):
        for group in by_campaign.values():
            campaign = group[0].campaign
            title = _("Campaign “%(title)s”: running order changed") % {"title": campaign.title}
            body = _("%(count)s airings were changed by the commercial team.") % {
                "count": len(group)
            }
            if reason:
                body += " " + reason
            _tell_client(campaign, title=title, body=body)


def notify_confirmed(airings) -> None:
    schedule_days_broadcast({a.break_slot.day for a in airings})


def notify_missed(airing, make_good) -> None:
    days = {airing.break_slot.day}
    if make_good is not None:
        days.add(make_good.break_slot.day)
    schedule_days_broadcast(days)
    campaign = airing.campaign
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Campaign “%(title)s”: an airing was missed") % {"title": campaign.title}
        if make_good is not None:
            body = _(
                "The spot planned at %(time)s did not air (%(reason)s). A make-good is "
                "offered on %(when)s."
            ) % {
                "time": airing.break_slot,
                "reason": airing.missed_reason,
                "when": make_good.break_slot,
            }
        else:
            body = _(
                "The spot planned at %(time)s did not air (%(reason)s). The commercial "
                "team will offer a make-good."
            ) % {"time": airing.break_slot, "reason": airing.missed_reason}
        _tell_client(campaign, title=title, body=body)
        _send(
            active_users_with_role(Role.ADMINISTRATOR),
            title=_("Missed airing: “%(title)s”") % {"title": campaign.title},
            body=body,
            url="/admin/broadcasting/make-goods/",
        )
