from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Online payments")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deploy check
