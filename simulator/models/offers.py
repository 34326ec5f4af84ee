"""The station's other products (offers catalogue) and the quote requests
visitors send about them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from accounts.validators import validate_phone

from .rate_card import RateCard


class Offer(models.Model):
    class Category(models.TextChoices):
        CLASSIFIEDS = "classifieds", _("Classified ads and scrolling messages")
        SPONSORED = "sponsored", _("Sponsored reports and programmes")
        STUDIO = "studio", _("Studio and outside broadcasts")
        MUSIC = "music", _("Music")
        COVERAGE = "coverage", _("News coverage")
        SOCIAL = "social", _("Social networks")

    rate_card = ParentalKey(RateCard, on_delete=models.CASCADE, related_name="offers")
    code = models.SlugField(_("code"), max_length=60)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("name"), max_length=160)
    unit = models.CharField(
        _("unit"), max_length=80, blank=True, help_text=_("e.g. per day, per week, per hour")
    )
    quantity = models.CharField(
        _("included"), max_length=80, blank=True, help_text=_("e.g. 3 airings, 21 airings, 2 h")
    )
    price = models.PositiveIntegerField(
        _("price (FCFA incl. VAT)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for “on quote”."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Rows are reordered by drag and drop in the card's admin form.
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["rate_card", "code"], name="simulator_offer_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def on_quote(self) -> bool:
        return self.price is None

    @property
    def price_excl_vat(self) -> int | None:
        """The published price (VAT included) less VAT at its card's rate, by the
        pricing engine's one rounding; None on quote."""
        if self.price is None:
            return None
        from ..pricing.card import excl_vat

        return excl_vat(self.price, self.rate_card.vat_rate)


class QuoteRequest(models.Model):
    """A visitor asks the commercial team for a quote about an offer."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        HANDLED = "handled", _("handled")

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quote_requests",
    )
    offer_name = models.CharField(_("offer name"), max_length=160, blank=True)
    name = models.CharField(_("name"), max_length=150)
    company = models.CharField(_("company"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, validators=[validate_phone])
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quote_requests",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")

    def __str__(self) -> str:
        return f"{self.reference} — {self.offer_name or _('Quote request')} — {self.name}"

    @property
    def reference(self) -> str:
        """What the requester and the team quote: "DV-<id>"."""
        return f"DV-{self.pk}" if self.pk else "DV-?"
