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

        from campaigns.guards import register_submission_guard

        from .selectors.balances import submission_guard

        register_submission_guard(submission_guard)

        from campaigns.panels import register_campaign_panel

        from .exports import hooks  # noqa: F401 - the journal export's admin URL
        from .views.panel import campaign_invoices

        register_campaign_panel(
            "invoices",
            template="billing/client/_campaign_invoices.html",
            context=campaign_invoices,
        )

        # The invoice as a subject of a conversation.
        from .conversation_subjects import register as register_conversation_subjects

        register_conversation_subjects()
