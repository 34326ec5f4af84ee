from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "simulator"
    verbose_name = _("Rate card and simulator")

    def ready(self) -> None:
        from .models.pages import register_page_handlers
        from .signals import connect_page_cache_invalidation
        from .views import advisor, rate, simulator

        register_page_handlers(
            rate_page_context=rate.page_context,
            rate_card_pdf=rate.rate_card_pdf,
            quote_request=rate.quote_request,
            quote_request_thanks=rate.quote_request_thanks,
            calculator_context=simulator.calculator_context,
            advisor_context=advisor.advisor_context,
        )
        # Cached public pages replaced when the rate card changes (core/page_cache.py).
        connect_page_cache_invalidation()
