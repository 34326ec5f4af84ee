"""A spot: the video (wagtailmedia) or image (Wagtail image) that airs for a
campaign, with its technical report and its review by the commercial team. A
new version of a refused spot points to it (`replaces`), so the history keeps
both."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SpotKind(models.TextChoices):
    VIDEO = "video", _("video")
    IMAGE = "image", _("image")


class ReviewState(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    # Distinct msgids from the campaign's statuses: French agrees them in gender.
    APPROVED = "approved", _("spot approved")
    REFUSED = "refused", _("spot refused")
    # A spot made by BF1 for a creation request: the client approves it, or asks
    # for changes (then the team uploads a new version that `replaces` it).
    AWAITING_CLIENT = "awaiting_client", _("awaiting your approval")
    CLIENT_CHANGES = "client_changes", _("changes requested by the client")


# States of a spot that a new version may replace.
REPLACEABLE_STATES = frozenset({ReviewState.REFUSED, ReviewState.CLIENT_CHANGES})


class SpotQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(review_state=ReviewState.APPROVED)

    def pending(self):
        return self.filter(review_state=ReviewState.PENDING)

    def awaiting_client(self):
        return self.filter(review_state=ReviewState.AWAITING_CLIENT)


class Spot(models.Model):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="spots",
    )
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.PROTECT,
        related_name="spots",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SpotKind.choices)
    media = models.ForeignKey(
        settings.WAGTAILMEDIA["MEDIA_MODEL"],
        verbose_name=_("video"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    declared_length = models.PositiveSmallIntegerField(
        _("declared length (s)"), null=True, blank=True
    )
    technical_report = models.JSONField(_("technical report"), default=dict, blank=True)
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_state = models.CharField(
        _("review"),
        max_length=20,
        choices=ReviewState.choices,
        default=ReviewState.PENDING,
        db_index=True,
    )
    review_reason = models.TextField(_("review reason"), blank=True)
    made_by_team = models.BooleanField(
        _("made by BF1"),
        default=False,
        help_text=_(
            "Made by BF1 for a creation request: the client approves it (or asks for "
            "changes) instead of the commercial team."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    reused_from = models.ForeignKey(
        "self",
        verbose_name=_("reused from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reuses",
        help_text=_("The approved spot of an earlier campaign whose file this one airs again."),
    )
    house_code = models.CharField(
        _("house code"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Given when the spot is approved and never changed: the clip id of the "
            "station's playout automation, printed on the running order."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SpotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spot")
        verbose_name_plural = _("spots")
        indexes = [
            models.Index(fields=["advertiser", "review_state"], name="spot_adv_review"),
            models.Index(fields=["campaign", "review_state"], name="spot_campaign_review"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(media__isnull=False) & Q(image__isnull=True))
                | (Q(media__isnull=True) & Q(image__isnull=False)),
                name="spot_exactly_one_file",
            ),
            models.CheckConstraint(
                condition=(Q(kind=SpotKind.VIDEO) & Q(media__isnull=False))
                | (Q(kind=SpotKind.IMAGE) & Q(image__isnull=False)),
                name="spot_kind_matches_file",
            ),
        ]

    def __str__(self) -> str:
        item = self.media if self.kind == SpotKind.VIDEO else self.image
        if item is None:
            return str(self.uuid)
        return self._without_library_prefix(str(item))

    def _without_library_prefix(self, title: str) -> str:
        """The spot's own title: its file's library title without the advertiser's
        name the libraries put first for the commercial team (spot_files.library_title)."""
        advertiser = self._state.fields_cache.get("advertiser")
        if advertiser is not None:
            return title.removeprefix(f"{advertiser.name} · ") or title
        head, separator, rest = title.partition(" · ")
        return rest if separator and rest else title

    @property
    def is_approved(self) -> bool:
        return self.review_state == ReviewState.APPROVED

    @property
    def awaits_client(self) -> bool:
        return self.review_state == ReviewState.AWAITING_CLIENT
