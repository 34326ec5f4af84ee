import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from accounts.validators import validate_phone
from core.page_cache import remembered
from home.forms import ContactSettingsForm


def default_business_days() -> list[int]:
    """Monday to Friday (0 = Monday)."""
    return [0, 1, 2, 3, 4]


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Contact details shown in the footer, and the WhatsApp widget."""

    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # The business hours that count how long a message waits for the staff
    # (conversation reminders, home/business_hours.py); days: 0 = Monday.
    business_days = models.JSONField(_("working days"), default=default_business_days, blank=True)
    business_opens = models.TimeField(_("opening time"), default=dt.time(8, 0))
    business_closes = models.TimeField(_("closing time"), default=dt.time(17, 0))

    whatsapp_enabled = models.BooleanField(_("show the WhatsApp button"), default=False)
    whatsapp_number = models.CharField(
        _("WhatsApp number"), max_length=30, blank=True, validators=[validate_phone]
    )
    whatsapp_message = models.CharField(
        _("default message"),
        max_length=300,
        blank=True,
        default="Bonjour BF1, je souhaite des informations sur la publicité.",
    )
    whatsapp_position = models.CharField(
        _("position"),
        max_length=10,
        choices=[("right", _("bottom right")), ("left", _("bottom left"))],
        default="right",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("business_days"),
                FieldPanel("business_opens"),
                FieldPanel("business_closes"),
            ],
            heading=_("Business hours"),
            help_text=_(
                "They count how long an advertiser's message waits for an answer "
                "before the team is reminded."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("whatsapp_enabled"),
                FieldPanel("whatsapp_number"),
                FieldPanel("whatsapp_message"),
                FieldPanel("whatsapp_position"),
            ],
            heading=_("WhatsApp widget"),
        ),
    ]

    base_form_class = ContactSettingsForm

    @classmethod
    def for_request(cls, request):
        """The site's contact details, which every page's footer shows: kept in the
        cache until a setting or a page changes (core.page_cache's generation),
        instead of two queries (the site, the row) on every page."""
        cached = getattr(request, "_bf1_contact_settings", None)
        if cached is None:
            try:
                host = request.get_host()
            except Exception:  # noqa: BLE001 - a bad Host: Wagtail's own lookup decides
                return super().for_request(request)
            cached = remembered(
                f"contact-settings:{host}", lambda: super(ContactSettings, cls).for_request(request)
            )
            request._bf1_contact_settings = cached
        return cached

    class Meta:
        verbose_name = _("contact details")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.whatsapp_enabled and not self.whatsapp_number:
            errors["whatsapp_number"] = _("Enter the WhatsApp number to show the button.")
        days = self.business_days if isinstance(self.business_days, list) else []
        if not days or any(not isinstance(day, int) or not 0 <= day <= 6 for day in days):
            errors["business_days"] = _("Choose at least one working day.")
        opens, closes = self.business_opens, self.business_closes
        if opens is not None and closes is not None and closes <= opens:
            errors["business_closes"] = _("The closing time must be after the opening time.")
        if errors:
            raise ValidationError(errors)

    @property
    def whatsapp_link_number(self) -> str:
        return "".join(ch for ch in self.whatsapp_number if ch.isdigit())
