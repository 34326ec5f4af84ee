"""The station's billing identity and rules (one per site, commercial admins only)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from accounts.validators import validate_ifu, validate_rccm


class CertificationMode(models.TextChoices):
    MANUAL = "manual", _("manual: the code given by the station's certified system")
    FAKE = "fake", _("test: certified at once with a test code (never in production)")
    SECEF = "secef", _("SECeF connector (when the tax office publishes its interface)")


class BankAccountBlock(blocks.StructBlock):
    bank = blocks.CharBlock(label=_("bank"), max_length=120)
    holder = blocks.CharBlock(label=_("account holder"), max_length=200, required=False)
    number = blocks.CharBlock(label=_("account number (RIB or IBAN)"), max_length=60)
    swift = blocks.CharBlock(label=_("SWIFT / BIC"), max_length=20, required=False)

    class Meta:
        icon = "doc-full"
        label = _("bank account")


account_code = RegexValidator(r"^\d{2,10}$", _("An account number is 2 to 10 digits."))
day_list = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$", _("Enter numbers of days separated by commas.")
)


@register_setting(icon="doc-full")
class BillingSettings(BaseSiteSetting):
    legal_name = models.CharField(_("legal name"), max_length=200, default="BF1 TV")
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    rccm = models.CharField(_("RCCM number"), max_length=40, blank=True, validators=[validate_rccm])
    ifu = models.CharField(_("IFU number"), max_length=20, blank=True, validators=[validate_ifu])
    tax_regime = models.CharField(_("tax regime"), max_length=100, blank=True, default="RNI")
    tax_office = models.CharField(_("tax office"), max_length=200, blank=True)
    bank_accounts = StreamField(
        [("account", BankAccountBlock())], verbose_name=_("bank accounts"), blank=True
    )
    footer_text = models.TextField(_("invoice footer"), blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=30, validators=[MaxValueValidator(365)]
    )
    agency_commission_percent = models.DecimalField(
        _("agency commission (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    vat_withholding_percent = models.PositiveSmallIntegerField(
        _("VAT withheld by large companies and public bodies (%)"),
        default=30,
        validators=[MaxValueValidator(100)],
    )
    cash_limit = models.PositiveIntegerField(
        _("largest cash payment (FCFA)"),
        default=999_999,
        help_text=_("Cash payments above 999 999 FCFA are forbidden."),
        validators=[MaxValueValidator(999_999)],
    )
    certification_mode = models.CharField(
        _("certification of invoices (FEC)"),
        max_length=10,
        choices=CertificationMode.choices,
        default=CertificationMode.MANUAL,
    )
    make_good_delay_days = models.PositiveSmallIntegerField(
        _("make-good delay (days)"),
        default=7,
        help_text=_("A missed airing not made good within this delay is credited."),
    )
    credit_stop_overdue_days = models.PositiveSmallIntegerField(
        _("credit stop after (days overdue)"), default=60
    )
    reminder_days = models.CharField(
        _("overdue reminders (days after the due date)"),
        max_length=60,
        default="7, 30, 60",
        validators=[day_list],
    )
    account_clients = models.CharField(
        _("account: clients"), max_length=10, default="411", validators=[account_code]
    )
    account_revenue = models.CharField(
        _("account: services sold"), max_length=10, default="706", validators=[account_code]
    )
    account_vat = models.CharField(
        _("account: VAT invoiced"), max_length=10, default="4432", validators=[account_code]
    )
    account_vat_withheld = models.CharField(
        _("account: VAT withheld by clients"),
        max_length=10,
        default="4449",
        validators=[account_code],
    )
    account_commission = models.CharField(
        _("account: agency commissions"), max_length=10, default="6322", validators=[account_code]
    )
    account_bank = models.CharField(
        _("account: bank"), max_length=10, default="521", validators=[account_code]
    )
    account_cash = models.CharField(
        _("account: cash"), max_length=10, default="571", validators=[account_code]
    )
    account_mobile_money = models.CharField(
        _("account: mobile money"), max_length=10, default="521", validators=[account_code]
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("legal_form"),
                FieldPanel("address"),
                FieldPanel("rccm"),
                FieldPanel("ifu"),
                FieldPanel("tax_regime"),
                FieldPanel("tax_office"),
            ],
            heading=_("The station"),
        ),
        FieldPanel("bank_accounts"),
        MultiFieldPanel(
            [
                FieldPanel("payment_terms_days"),
                FieldPanel("agency_commission_percent"),
                FieldPanel("vat_withholding_percent"),
                FieldPanel("cash_limit"),
                FieldPanel("make_good_delay_days"),
                FieldPanel("credit_stop_overdue_days"),
                FieldPanel("reminder_days"),
                FieldPanel("footer_text"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("certification_mode"),
        MultiFieldPanel(
            [
                FieldPanel("account_clients"),
                FieldPanel("account_revenue"),
                FieldPanel("account_vat"),
                FieldPanel("account_vat_withheld"),
                FieldPanel("account_commission"),
                FieldPanel("account_bank"),
                FieldPanel("account_cash"),
                FieldPanel("account_mobile_money"),
            ],
            heading=_("Accounts (SYSCOHADA)"),
        ),
    ]

    class Meta:
        verbose_name = _("billing settings")

    @property
    def reminder_steps(self) -> list[int]:
        return sorted({int(part) for part in self.reminder_days.split(",") if part.strip()})
