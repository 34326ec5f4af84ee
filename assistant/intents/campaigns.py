"""“Où en est ma campagne ?”: the asker's own campaigns (those of their
company, never another's) with their status and what comes next."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Status
from campaigns.selectors import campaigns_for_advertiser, listing_rows

from ..answers import Answer, CampaignItem, Link
from ..models import AnswerKind

SHOWN = 5
CAMPAIGN_WORDS = {"campagne", "campagnes", "campaign", "campaigns", "campagn"}
STATUS_WORDS = {
    "statut",
    "status",
    "etat",
    "avancement",
    "suivi",
    "suivre",
    "ou",
    "validee",
    "approuvee",
    "acceptee",
    "refusee",
    "valide",
}
POSSESSIVES = {"ma", "mes", "mon", "my", "nos", "notre"}
HOW_TO_WORDS = {
    "comment",
    "reserver",
    "creer",
    "modifier",
    "annuler",
    "dupliquer",
    "lancer",
    "faire",
    "prix",
    "combien",
    "cout",
    "tarif",
}

NEXT_STEPS = {
    Status.DRAFT: gettext_lazy("Finish the booking and send it to the commercial team."),
    Status.SUBMITTED: gettext_lazy("The commercial team is reviewing it; you will be notified."),
    Status.CHANGES_REQUESTED: gettext_lazy(
        "Make the changes asked for on the campaign page, then send it again."
    ),
    Status.IN_PRODUCTION: gettext_lazy(
        "Our team is making your spot: approve it on the campaign page once it is ready."
    ),
    Status.APPROVED: gettext_lazy("Approved: its airings are being placed in the ad breaks."),
    Status.SCHEDULED: gettext_lazy("Its airings are planned: follow them in your broadcasts."),
    Status.AIRING: gettext_lazy("On air: follow each airing in your broadcasts."),
    Status.FINISHED: gettext_lazy("Finished: download its broadcast certificate."),
    Status.REFUSED: gettext_lazy("Refused: the reason is on the campaign page."),
    Status.CANCELLED: gettext_lazy("Cancelled: nothing more to do."),
}


def is_campaign_question(tokens: list[str]) -> bool:
    words = set(tokens)
    if not words & CAMPAIGN_WORDS:
        return False
    if words & STATUS_WORDS:
        return True
    return bool(words & POSSESSIVES) and not words & HOW_TO_WORDS


def campaigns_answer(user) -> Answer:
    if user is None or not user.is_authenticated:
        login = reverse("accounts:login") + "?next=" + reverse("campaigns:dashboard")
        return Answer(
            kind=AnswerKind.CAMPAIGNS,
            message=_("Log in to your client area to see where your campaigns stand."),
            links=(Link(label=_("Log in"), url=login),),
        )
    advertiser = getattr(user, "advertiser", None)
    if advertiser is None:
        return Answer(
            kind=AnswerKind.CAMPAIGNS,
            message=_("Your account belongs to no advertiser company, so it has no campaigns."),
        )
    rows = listing_rows(campaigns_for_advertiser(advertiser, listing_data=False)[:SHOWN])
    if not rows:
        rows = listing_rows(
            campaigns_for_advertiser(advertiser, archived=True, listing_data=False)[:SHOWN]
        )
    dashboard = Link(label=_("All my campaigns"), url=reverse("campaigns:dashboard"))
    if not rows:
        return Answer(
            kind=AnswerKind.CAMPAIGNS,
            message=_("You have no campaign yet."),
            links=(Link(label=_("Book a campaign"), url=reverse("campaigns:create")), dashboard),
        )
    items = tuple(
        CampaignItem(
            title=row.title,
            status=row.status_label,
            next_step=str(NEXT_STEPS.get(row.status, "")),
            url=row.url,
        )
        for row in rows
    )
    return Answer(
        kind=AnswerKind.CAMPAIGNS,
        message=_("Where your latest campaigns stand:"),
        campaigns=items,
        links=(dashboard,),
    )
