"""Users of the portal and the advertiser companies they belong to."""

import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_ifu, validate_phone, validate_rccm


class BusinessSector(models.Model):
    """A business sector from the managed list. Some sectors are restricted by
    Burkina Faso's advertising law and need an authorisation to advertise."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    requires_authorization = models.BooleanField(
        _("subject to authorisation"),
        default=False,
        help_text=_("Advertising in this sector needs an authorisation document."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("business sector")
        verbose_name_plural = _("business sectors")

    def __str__(self) -> str:
        return self.name


class AdvertiserCategory(models.TextChoices):
    """A category of advertiser that some prices are reserved for (the cultural
    rate): requested by the advertiser with a document, set or confirmed by the
    commercial team (accounts.services.request_category / set_category)."""

    STANDARD = "standard", _("standard advertiser")
    CULTURAL = "cultural", _("cultural organisation")


class TaxRegime(models.TextChoices):
    """Burkina Faso's tax regimes, as printed on an invoice's client block."""

    RNI = "rni", _("normal regime (RNI)")
    RSI = "rsi", _("simplified regime (RSI)")
    CME = "cme", _("micro-enterprise contribution (CME)")
    PUBLIC = "public", _("public body")
    OTHER = "other", _("other or not subject")


class BillingPeriod(models.TextChoices):
    END = "end", _("one invoice at the end of the campaign")
    MONTHLY = "monthly", _("one invoice per month")


def category_document_path(instance, filename: str) -> str:
    """Private folder (the advertiser's users and administrators, see
    accounts.media_access); the client's file name is not kept, only its extension."""
    ext = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"advertisers/categories/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Advertiser(models.Model):
    """The client company on whose behalf campaigns are booked."""

    name = models.CharField(_("company name"), max_length=200)
    ifu = models.CharField(_("IFU number"), max_length=20, blank=True, validators=[validate_ifu])
    rccm = models.CharField(_("RCCM number"), max_length=40, blank=True, validators=[validate_rccm])
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    sector = models.ForeignKey(
        BusinessSector,
        verbose_name=_("business sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advertisers",
    )
    # The category the commercial team set or confirmed (who, when, why).
    category = models.CharField(
        _("advertiser category"),
        max_length=20,
        choices=AdvertiserCategory.choices,
        default=AdvertiserCategory.STANDARD,
    )
    category_set_at = models.DateTimeField(_("category set at"), null=True, blank=True)
    category_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("category set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category_note = models.TextField(_("note on the category"), blank=True)
    # The advertiser's pending request, with its supporting document.
    requested_category = models.CharField(
        _("requested category"), max_length=20, choices=AdvertiserCategory.choices, blank=True
    )
    category_requested_at = models.DateTimeField(_("category requested at"), null=True, blank=True)
    category_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("category requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category_document = models.FileField(
        _("supporting document"), upload_to=category_document_path, max_length=255, blank=True
    )
    # Billing terms, set by the commercial team (IFU and RCCM also by the client).
    tax_regime = models.CharField(
        _("tax regime"), max_length=10, choices=TaxRegime.choices, blank=True
    )
    withholds_vat = models.BooleanField(
        _("withholds VAT (DGE or public body)"),
        default=False,
        help_text=_("Large companies and public bodies withhold 30 % of the VAT they pay."),
    )
    is_agency = models.BooleanField(
        _("advertising agency"),
        default=False,
        help_text=_("An agency may be billed for its clients' campaigns and earns a commission."),
    )
    agency = models.ForeignKey(
        "self",
        verbose_name=_("billed through the agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_clients",
        limit_choices_to={"is_agency": True},
    )
    agency_commission_percent = models.DecimalField(
        _("agency commission (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Empty: the station's default commission rate."),
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the station's default payment terms."),
    )
    credit_limit = models.PositiveBigIntegerField(
        _("credit limit (FCFA)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Beyond it, new campaigns wait for the commercial team."),
    )
    billing_period = models.CharField(
        _("invoicing"), max_length=10, choices=BillingPeriod.choices, default=BillingPeriod.END
    )
    requires_prepayment = models.BooleanField(
        _("pays in advance"),
        default=False,
        help_text=_("An advance invoice is raised when a campaign is approved."),
    )
    prepayment_percent = models.PositiveSmallIntegerField(
        _("advance (% of the quote)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    credit_override = models.BooleanField(
        _("may book despite the credit stop"),
        default=False,
        help_text=_("The commercial team's override of the credit limit and overdue invoices."),
    )
    credit_override_reason = models.CharField(
        _("reason for the override"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("advertiser")
        verbose_name_plural = _("advertisers")

    def __str__(self) -> str:
        return self.name

    @property
    def is_cultural(self) -> bool:
        """Whether the commercial team confirmed it as a cultural organisation."""
        return self.category == AdvertiserCategory.CULTURAL

    @property
    def category_pending(self) -> bool:
        return bool(self.requested_category)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra_fields)


def user_photo_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"profiles/{timezone.now():%Y/%m}/{instance.pk or 'new'}-{timezone.now():%H%M%S}.{ext}"


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address (unique whatever its case)."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    photo = models.ImageField(_("photo"), upload_to=user_photo_path, blank=True)
    advertiser = models.ForeignKey(
        Advertiser,
        verbose_name=_("advertiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the Django admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None
