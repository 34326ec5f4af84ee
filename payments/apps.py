from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Online payments")

    def ready(self) -> None:
        from billing.panels import register_invoice_panel

        from . import checks  # noqa: F401 - registers the deploy check
        from .panels import invoice_payment_panel

        register_invoice_panel("payments", invoice_payment_panel)
