"""Who is told about an advertiser category (the cultural organisation that the
cultural rate is reserved for): the commercial team when an advertiser asks for
it, the advertiser's users when the team sets, confirms or refuses it.

accounts sends the signals (`accounts.signals`) and imports no app above it;
campaigns, which books at the cultural rate, connects these receivers in its
`AppConfig.ready()`. The notifications are created in the same transaction as
the change."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import AdvertiserCategory
from accounts.selectors import active_users_of_advertiser
from notifications.kinds import NotificationKind

from .notices import administrators, notify_all


def _label(value: str) -> str:
    return str(AdvertiserCategory(value).label) if value in AdvertiserCategory.values else value


def _admin_category_url(advertiser) -> str:
    try:
        return reverse("advertisers:category", args=[advertiser.pk])
    except NoReverseMatch:
        return "/admin/"


def on_category_requested(sender, *, advertiser, user, **kwargs) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        notify_all(
            administrators(),
            kind=NotificationKind.GENERAL,
            title=_("Category request: “%(category)s” for %(advertiser)s")
            % {"category": _label(advertiser.requested_category), "advertiser": advertiser.name},
            body=_("%(user)s sent a supporting document to check before confirming it.")
            % {"user": user.get_full_name() or user.email},
            url=_admin_category_url(advertiser),
        )


def on_category_decided(sender, *, advertiser, actor, granted, requested, **kwargs) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        category = _label(advertiser.category)
        if granted:
            title = _("Your advertiser category: “%(category)s”") % {"category": category}
            body = _("The commercial team set your company's category to “%(category)s”.") % {
                "category": category
            }
            if advertiser.is_cultural:
                body += " " + _("You can now book at the cultural rate.")
        else:
            title = _("Your request for the category “%(category)s” was not accepted") % {
                "category": _label(requested)
            }
            body = advertiser.category_note
        if granted and advertiser.category_note:
            body += " " + advertiser.category_note
        notify_all(
            active_users_of_advertiser(advertiser),
            kind=NotificationKind.GENERAL,
            title=title,
            body=body,
            url=f"{reverse('accounts:profile')}?tab=company",
        )
