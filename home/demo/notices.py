"""The notifications the demo advertiser would have received about its campaigns
(seed_demo; they go through `notifications.services.notify`, e-mail included, so
the development outbox /dev/outbox/ shows them too)."""

from __future__ import annotations

from campaigns.models import Status as S
from notifications.kinds import NotificationKind
from notifications.services import notify


def tell_client(client, campaign, *, status: str, note: str) -> None:
    """The notifications the demo advertiser would have received."""
    texts = {
        S.AIRING: (
            "Un passage manqué est rattrapé",
            "Un passage de votre spot n'a pas été diffusé ; un rattrapage est programmé.",
            NotificationKind.AIRING,
        ),
        S.SCHEDULED: (
            "Campagne programmée",
            "Vos passages sont placés dans les écrans publicitaires.",
            NotificationKind.CAMPAIGN_STATUS,
        ),
        S.FINISHED: (
            "Attestation de diffusion disponible",
            "Votre campagne est terminée : téléchargez son attestation de diffusion.",
            NotificationKind.CAMPAIGN_STATUS,
        ),
        S.CHANGES_REQUESTED: (
            "Modifications demandées",
            note,
            NotificationKind.CAMPAIGN_STATUS,
        ),
        S.REFUSED: ("Campagne refusée", note, NotificationKind.CAMPAIGN_STATUS),
    }
    if status not in texts:
        return
    title, body, kind = texts[status]
    notify(
        recipient=client,
        kind=kind,
        title=f"{title} : {campaign.title}",
        body=body,
        url=campaign.get_absolute_url(),
    )
