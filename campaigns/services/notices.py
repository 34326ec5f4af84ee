"""Who is told what when a campaign or a spot changes: the texts and recipients of
the notifications (in the site's language, whoever acts), and the links they carry.

Notifications are created in the same transaction as the change (a rolled-back change
notifies nobody, a committed one can never lose its notification);
`notifications.services.notify` pushes the live counter only after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.selectors import active_users_of_advertiser, active_users_with_role
from notifications.kinds import NotificationKind
from notifications.services import notify

from ..models import Campaign, CreativeMode, Spot, Status
from .base import status_label


def administrators() -> list:
    return list(active_users_with_role(Role.ADMINISTRATOR))


def client_url(campaign: Campaign) -> str:
    return campaign.get_absolute_url()


def admin_url(campaign: Campaign) -> str:
    """The campaign's page in the Wagtail admin (the review viewset arrives with
    the admin screens; until then the admin's home)."""
    try:
        return reverse("campaign_review:inspect", args=[campaign.pk])
    except NoReverseMatch:
        return "/admin/"


def notify_all(
    recipients: Iterable,
    *,
    kind: str = NotificationKind.GENERAL,
    title: str,
    body: str,
    url: str,
) -> None:
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        notify(recipient=user, kind=kind, title=title, body=body, url=url)


def notify_move(campaign: Campaign, from_status: str, to_status: str, note: str) -> None:
    """Client users on every move; administrators on submission (a creation
    request when the client asked us to make the spot) and when a client
    withdraws a campaign they were reviewing."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Campaign “%(title)s”: %(status)s") % {
            "title": campaign.title,
            "status": status_label(to_status),
        }
        body = note or _("Your campaign moved from “%(from)s” to “%(to)s”.") % {
            "from": status_label(from_status) if from_status else "—",
            "to": status_label(to_status),
        }
        notify_all(
            active_users_of_advertiser(campaign.advertiser),
            kind=NotificationKind.CAMPAIGN_STATUS,
            title=title,
            body=body,
            url=client_url(campaign),
        )
        admin_title = None
        admin_kind = NotificationKind.CAMPAIGN_SUBMITTED
        if to_status == Status.SUBMITTED:
            if campaign.creative_mode == CreativeMode.MAKE:
                admin_kind = NotificationKind.CREATION_REQUEST
                admin_title = _("New creation request: “%(title)s” (%(advertiser)s)")
            elif from_status == Status.CHANGES_REQUESTED:
                admin_title = _(
                    "Campaign corrected and submitted again: “%(title)s” (%(advertiser)s)"
                )
            else:
                admin_title = _("New campaign to review: “%(title)s” (%(advertiser)s)")
        elif to_status == Status.CANCELLED and from_status in (
            Status.SUBMITTED,
            Status.IN_PRODUCTION,
        ):
            admin_title = _("Campaign withdrawn: “%(title)s” (%(advertiser)s)")
        if admin_title:
            admin_title = admin_title % {
                "title": campaign.title,
                "advertiser": campaign.advertiser.name,
            }
            admin_body = _("%(total)s FCFA incl. VAT, from %(start)s to %(end)s.") % {
                "total": f"{campaign.quote_total:,}".replace(",", "\u202f"),
                "start": f"{campaign.start_date:%d/%m/%Y}" if campaign.start_date else "—",
                "end": f"{campaign.end_date:%d/%m/%Y}" if campaign.end_date else "—",
            }
            notify_all(
                administrators(),
                kind=admin_kind,
                title=admin_title,
                body=admin_body,
                url=admin_url(campaign),
            )


def notify_spot_reviewed(campaign: Campaign, *, approve: bool, reason: str) -> None:
    """The client's users: the team approved or refused their spot."""
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            title = _("Spot approved for “%(title)s”") % {"title": campaign.title}
            body = reason
        else:
            title = _("Spot refused for “%(title)s”") % {"title": campaign.title}
            body = _("Reason: %(reason)s. You can upload a new version.") % {"reason": reason}
        notify_all(
            active_users_of_advertiser(campaign.advertiser),
            kind=NotificationKind.SPOT_REVIEW,
            title=title,
            body=body,
            url=client_url(campaign),
        )


def notify_spot_added(campaign: Campaign, *, user, admin: bool, made: bool) -> None:
    """The team (but the uploader) has a new spot to review, unless it is the made
    spot of a creation request; the client's users when the team uploaded it."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("New spot to review: “%(title)s” (%(advertiser)s)") % {
            "title": campaign.title,
            "advertiser": campaign.advertiser.name,
        }
        notify_all(
            [] if made else [u for u in administrators() if u.pk != getattr(user, "pk", None)],
            kind=NotificationKind.SPOT_UPLOADED,
            title=title,
            body="",
            url=admin_url(campaign),
        )
        if admin:
            notify_all(
                active_users_of_advertiser(campaign.advertiser),
                kind=NotificationKind.SPOT_REVIEW,
                title=_("Your spot for “%(title)s” is ready") % {"title": campaign.title},
                body=_("Watch it and tell us if it suits you."),
                url=client_url(campaign),
            )


def client_review_note(spot: Spot, *, approve: bool, reason: str) -> str:
    """The campaign's history line when the client reviews the made spot."""
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            return _("The client approved the made spot “%(spot)s”.") % {"spot": spot}
        return _("The client asked for changes to the made spot “%(spot)s”: %(reason)s") % {
            "spot": spot,
            "reason": reason,
        }


def notify_client_review(campaign: Campaign, *, approve: bool, reason: str) -> None:
    """The team: the client approved the made spot, or asked for changes."""
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            title = _("Made spot approved by the client: “%(title)s” (%(advertiser)s)")
            body = _("You can now approve the campaign.")
        else:
            title = _("Changes asked to the made spot: “%(title)s” (%(advertiser)s)")
            body = _("Reason: %(reason)s. Upload a new version of the spot.") % {"reason": reason}
        notify_all(
            administrators(),
            kind=NotificationKind.CREATION_REQUEST,
            title=title % {"title": campaign.title, "advertiser": campaign.advertiser.name},
            body=body,
            url=admin_url(campaign),
        )
