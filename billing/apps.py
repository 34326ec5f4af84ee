from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from accounts.media_access import register_media_reader

        from .media_access import BILLING_FILE_PREFIX, can_read

        register_media_reader((BILLING_FILE_PREFIX,), can_read)
